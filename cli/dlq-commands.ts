/**
 * `anxin dlq list` and `anxin dlq redrive <queue-name>`: the dead-letter queues of the
 * local platform (default; .anxin/local.json) or of a deployed stage (`--stage`), and
 * moving their messages back to where they came from.
 *
 * Redrive is SQS's own StartMessageMoveTask from the DLQ without a destination: each
 * message goes back to the queue it was dead-lettered from, and starts over there (receive
 * count 0: a webhook gets its whole retry schedule again). Messages EventBridge could not
 * deliver to a queue at all sit in the same DLQ with no source to return to; SQS leaves
 * them (the task completes without them), for a human to read.
 *
 * Queues are found by listing (`anxin-<stage>-` for a stage; all queues of the local
 * endpoint), so new DLQs — an insurer's, the webhooks' — need nothing here.
 */
import { parseArgs } from 'node:util';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { readLocalInfo } from './target';
import { usageOf } from './usage';

type Out = (line: string) => void;

const USAGE = usageOf('dlq');

/** The options of `anxin dlq` (cli/usage.ts lists every one). */
export const DLQ_OPTIONS = {
  stage: { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  wait: { type: 'boolean' },
  'max-per-second': { type: 'string' },
} as const;

export interface DlqInfo {
  name: string;
  url: string;
  arn: string;
  /** Messages waiting in the DLQ (visible + in flight). */
  messages: number;
  /** The queues that dead-letter into it, with their maxReceiveCount. */
  sources: { name: string; maxReceiveCount: number }[];
  /** The newest move task on it, if any. */
  lastTask?: { status: string; moved: number; toMove?: number };
}

interface SqsTarget {
  sqs: SQSClient;
  /** ListQueues prefix: `anxin-<stage>-` for a stage; every queue locally. */
  prefix?: string;
}

function resolveSqs(values: { stage?: string; region?: string; 'endpoint-url'?: string; 'data-dir'?: string }): SqsTarget {
  if (values.stage) {
    if (!/^[a-z]+$/.test(values.stage)) throw new Error(`invalid --stage ${values.stage}`);
    return { sqs: new SQSClient({ region: values.region }), prefix: `anxin-${values.stage}-` };
  }
  const local = values['endpoint-url'] ? undefined : readLocalInfo(values['data-dir']);
  return {
    sqs: new SQSClient({
      endpoint: values['endpoint-url'] ?? local!.sqsEndpoint,
      region: values.region ?? local?.region ?? 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  };
}

const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

async function listQueueUrls({ sqs, prefix }: SqsTarget): Promise<string[]> {
  const urls: string[] = [];
  let NextToken: string | undefined;
  do {
    const out = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 1000, NextToken }));
    urls.push(...(out.QueueUrls ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return urls;
}

async function attributesOf(sqs: SQSClient, url: string): Promise<Record<string, string>> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  return out.Attributes ?? {};
}

async function lastTaskOf(sqs: SQSClient, arn: string): Promise<DlqInfo['lastTask']> {
  const out = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: arn, MaxResults: 1 }));
  const task = out.Results?.[0];
  if (!task?.Status) return undefined;
  return { status: task.Status, moved: task.ApproximateNumberOfMessagesMoved ?? 0, toMove: task.ApproximateNumberOfMessagesToMove };
}

/** Every queue that some queue's RedrivePolicy names, with its sources and its message count. */
export async function listDeadLetterQueues(target: SqsTarget): Promise<DlqInfo[]> {
  const queues = await Promise.all(
    (await listQueueUrls(target)).map(async (url) => ({ url, name: nameOf(url), attributes: await attributesOf(target.sqs, url) })),
  );
  const byArn = new Map(queues.map((q) => [q.attributes.QueueArn, q]));
  const dlqs = new Map<string, DlqInfo>();
  for (const source of queues) {
    if (!source.attributes.RedrivePolicy) continue;
    const policy = JSON.parse(source.attributes.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
    const dlq = byArn.get(policy.deadLetterTargetArn);
    if (!dlq) continue;
    const info = dlqs.get(dlq.url) ?? {
      name: dlq.name,
      url: dlq.url,
      arn: dlq.attributes.QueueArn!,
      messages: Number(dlq.attributes.ApproximateNumberOfMessages ?? 0) + Number(dlq.attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      sources: [],
    };
    info.sources.push({ name: source.name, maxReceiveCount: Number(policy.maxReceiveCount) });
    dlqs.set(dlq.url, info);
  }
  const list = [...dlqs.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const dlq of list) {
    const task = await lastTaskOf(target.sqs, dlq.arn);
    if (task) dlq.lastTask = task;
  }
  return list;
}

async function queueUrlOf(sqs: SQSClient, name: string): Promise<string> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
  } catch (error) {
    if ((error as Error).name === 'QueueDoesNotExist' || (error as Error).name === 'AWS.SimpleQueueService.NonExistentQueue') {
      throw new Error(`no queue named ${name} (\`anxin dlq list\` shows the dead-letter queues)`);
    }
    throw error;
  }
}

/** The DLQ named, or the DLQ of the source queue named. */
async function resolveDlq(sqs: SQSClient, name: string): Promise<{ url: string; arn: string; name: string; sources: string[] }> {
  let url = await queueUrlOf(sqs, name);
  let attributes = await attributesOf(sqs, url);
  if (attributes.RedrivePolicy) {
    // A source queue was named: redrive its DLQ.
    const { deadLetterTargetArn } = JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn: string };
    url = await queueUrlOf(sqs, deadLetterTargetArn.slice(deadLetterTargetArn.lastIndexOf(':') + 1));
    attributes = await attributesOf(sqs, url);
  }
  const sources = (await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: url }))).queueUrls ?? [];
  if (sources.length === 0) throw new Error(`${nameOf(url)} is not a dead-letter queue of any queue`);
  return { url, arn: attributes.QueueArn!, name: nameOf(url), sources: sources.map(nameOf) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function dlqCommand(argv: string[], out: Out): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: DLQ_OPTIONS,
  });
  if (action !== 'list' && action !== 'redrive') {
    out(USAGE);
    return 2;
  }
  const target = resolveSqs(values);
  try {
    if (action === 'list') {
      const dlqs = await listDeadLetterQueues(target);
      if (values.json) out(JSON.stringify(dlqs));
      else {
        for (const d of dlqs) {
          const task = d.lastTask ? `  last redrive: ${d.lastTask.status} (${d.lastTask.moved}${d.lastTask.toMove === undefined ? '' : `/${d.lastTask.toMove}`} moved)` : '';
          out(`${d.name.padEnd(40)} ${String(d.messages).padStart(6)} message(s)  ← ${d.sources.map((s) => `${s.name} (after ${s.maxReceiveCount})`).join(', ')}${task}`);
        }
        if (dlqs.length === 0) out('no dead-letter queues found');
      }
      return 0;
    }

    const name = positionals[0];
    if (!name) {
      out(USAGE);
      return 2;
    }
    const maxPerSecond = values['max-per-second'] === undefined ? undefined : Number(values['max-per-second']);
    const dlq = await resolveDlq(target.sqs, name);
    const started = await target.sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, ...(maxPerSecond === undefined ? {} : { MaxNumberOfMessagesPerSecond: maxPerSecond }) }),
    );
    if (!values.wait) {
      if (values.json) out(JSON.stringify({ dlq: dlq.name, taskHandle: started.TaskHandle, status: 'RUNNING' }));
      else out(`redriving ${dlq.name} back to ${dlq.sources.join(', ')} (task started; \`anxin dlq list\` shows its progress)`);
      return 0;
    }
    // Until the task ends: SQS moves a few hundred messages a second without a rate.
    const deadline = Date.now() + 15 * 60_000;
    let task = await lastTaskOf(target.sqs, dlq.arn);
    while (task?.status === 'RUNNING' && Date.now() < deadline) {
      await sleep(500);
      task = await lastTaskOf(target.sqs, dlq.arn);
    }
    if (values.json) out(JSON.stringify({ dlq: dlq.name, ...task }));
    else out(`redrive of ${dlq.name} to ${dlq.sources.join(', ')}: ${task?.status ?? 'unknown'}, ${task?.moved ?? 0} message(s) moved`);
    return task?.status === 'COMPLETED' ? 0 : 1;
  } finally {
    target.sqs.destroy();
  }
}
