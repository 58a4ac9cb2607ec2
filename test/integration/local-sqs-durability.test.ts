/**
 * Durability of the local SQS endpoint with a dataDir: what was acknowledged survives a
 * restart, an in-process one and a real `kill -9` of a separate server process, and
 * nothing acknowledged as deleted comes back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  TagQueueCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, test } from 'vitest';
import { startSqsServer, type SqsServer } from '../../local/sqs';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const ROOT = resolve(import.meta.dirname, '../..');
const STANDALONE = join(ROOT, 'local/sqs/standalone.ts');

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-sqs-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function client(endpoint: string): SQSClient {
  // One attempt: a request to a killed server must fail, not be retried elsewhere.
  return new SQSClient({ endpoint, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
}

async function counts(sqs: SQSClient, url: string) {
  const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    notVisible: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}

async function receiveAll(sqs: SQSClient, url: string, extra: { VisibilityTimeout?: number } = {}): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'], ...extra }),
  );
  return out.Messages ?? [];
}

describe('restart from the same dataDir (in process)', () => {
  test('queues, attributes, messages, in-flight state, receive counts and dedup records survive', async () => {
    const dir = dataDir();
    const start = () => startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT, dataDir: dir });

    let server: SqsServer = await start();
    let sqs = client(server.endpoint);
    const dlqUrl = await server.createQueue('durable-dlq', {});
    const redrive = JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:durable-dlq`, maxReceiveCount: 5 });
    await sqs.send(new CreateQueueCommand({ QueueName: 'durable', Attributes: { VisibilityTimeout: '60', RedrivePolicy: redrive } }));
    const fifoUrl = await server.createQueue('durable.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const url = `${server.endpoint}/${ACCOUNT}/durable`;
    await sqs.send(new TagQueueCommand({ QueueUrl: url, Tags: { owner: 'orders' } }));

    const sent = [];
    for (let i = 1; i <= 5; i++) {
      sent.push(
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: url,
            MessageBody: `m${i}`,
            MessageAttributes: i === 1 ? { kind: { DataType: 'String', StringValue: 'first' } } : undefined,
          }),
        ),
      );
    }
    // Receive two without deleting, then delete one of them: m1 stays in flight (60 s).
    const two = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 2, MessageSystemAttributeNames: ['All'] }))).Messages!;
    const [m1, m2] = two;
    expect(two.map((m) => m.Body)).toEqual(['m1', 'm2']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m2.ReceiptHandle }));
    const f1 = await sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: 'f1', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    const f2 = await sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: 'f2', MessageGroupId: 'g' }));
    const [fr] = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: fifoUrl, MaxNumberOfMessages: 1 }))).Messages!;
    expect(fr.Body).toBe('f1');
    sqs.destroy();
    await server.close();

    // Restart #1: nothing was compacted since the first start, so this state comes from journal replay.
    const journal = readdirSync(dir).find((f) => f.startsWith('journal-'))!;
    expect(readFileSync(join(dir, journal), 'utf8').split('\n').filter(Boolean).length).toBeGreaterThan(10);
    // A crash in the middle of a write leaves a torn last record: it was never acknowledged and is ignored.
    appendFileSync(join(dir, journal), '[{"op":"send","q":"durable","msg":{"id":"torn');
    server = await start();
    sqs = client(server.endpoint);
    const url2 = `${server.endpoint}/${ACCOUNT}/durable`;
    expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls).toEqual(
      ['durable', 'durable-dlq', 'durable.fifo'].map((n) => `${server.endpoint}/${ACCOUNT}/${n}`),
    );
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url2, AttributeNames: ['All'] }))).Attributes!;
    expect(attrs).toMatchObject({ VisibilityTimeout: '60', RedrivePolicy: redrive });
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: url2 }))).Tags).toEqual({ owner: 'orders' });
    // m2 stays deleted, m1 is still in flight, m3..m5 are waiting.
    expect(await counts(sqs, url2)).toEqual({ visible: 3, notVisible: 1, delayed: 0 });

    // Receipt handles from before the restart still work.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url2, ReceiptHandle: m2.ReceiptHandle })); // already gone: a no-op
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url2, ReceiptHandle: m1.ReceiptHandle, VisibilityTimeout: 0 }));
    const after = await receiveAll(sqs, url2);
    expect(after.map((m) => m.Body)).toEqual(['m1', 'm3', 'm4', 'm5']);
    const again = after[0];
    expect(again).toMatchObject({ MessageId: sent[0].MessageId, MD5OfMessageAttributes: sent[0].MD5OfMessageAttributes });
    expect(again.Attributes).toMatchObject({ ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: m1.Attributes!.ApproximateFirstReceiveTimestamp });
    expect(after.slice(1).map((m) => m.Attributes!.ApproximateReceiveCount)).toEqual(['1', '1', '1']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url2, ReceiptHandle: again.ReceiptHandle }));
    expect(await counts(sqs, url2)).toEqual({ visible: 0, notVisible: 3, delayed: 0 });

    // FIFO: group g is still blocked by in-flight f1; d1 is still a duplicate; sequence numbers keep rising.
    const fifoUrl2 = `${server.endpoint}/${ACCOUNT}/durable.fifo`;
    expect(await receiveAll(sqs, fifoUrl2)).toEqual([]);
    const dup = await sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl2, MessageBody: 'f1 again', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }));
    expect(dup.MessageId).toBe(f1.MessageId);
    const f3 = await sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl2, MessageBody: 'f3', MessageGroupId: 'h' }));
    expect(BigInt(f3.SequenceNumber!)).toBeGreaterThan(BigInt(f2.SequenceNumber!));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: fifoUrl2, ReceiptHandle: fr.ReceiptHandle }));
    expect((await receiveAll(sqs, fifoUrl2)).map((m) => m.Body)).toEqual(['f2', 'f3']);

    // The start compacted everything into a snapshot; the journal since then is small.
    expect(statSync(join(dir, 'snapshot.json')).size).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('journal-'))).toHaveLength(1);
    sqs.destroy();
    await server.close();

    // Restart #2 (snapshot + journal): same picture.
    server = await start();
    sqs = client(server.endpoint);
    expect(await counts(sqs, `${server.endpoint}/${ACCOUNT}/durable`)).toEqual({ visible: 0, notVisible: 3, delayed: 0 });
    expect(await counts(sqs, `${server.endpoint}/${ACCOUNT}/durable.fifo`)).toEqual({ visible: 0, notVisible: 2, delayed: 0 }); // f2, f3
    expect(dlqUrl).toContain('/durable-dlq');
    await expect(start()).rejects.toThrow(/in use/); // one server per data directory
    sqs.destroy();
    await server.close();
  });
});

describe('compaction while running', () => {
  test('a journal that grows past its threshold is folded into a snapshot without losing anything', async () => {
    const dir = dataDir();
    const start = () => startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT, dataDir: dir });
    let server = await start();
    let sqs = client(server.endpoint);
    const url = await server.createQueue('big', {});
    const journalNow = () => readdirSync(dir).find((f) => f.startsWith('journal-'))!;
    const before = journalNow();
    for (let i = 0; i < 9; i++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: `${i}`.padEnd(1_000_000, '.') }));
    }
    const deadline = Date.now() + 5000;
    while (journalNow() === before) {
      if (Date.now() > deadline) throw new Error('journal was not compacted');
      await new Promise((r) => setTimeout(r, 100));
    }
    const [m] = await receiveAll(sqs, url, { VisibilityTimeout: 0 });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    sqs.destroy();
    await server.close();

    server = await start();
    sqs = client(server.endpoint);
    try {
      expect(await counts(sqs, `${server.endpoint}/${ACCOUNT}/big`)).toEqual({ visible: 8, notVisible: 0, delayed: 0 });
    } finally {
      sqs.destroy();
      await server.close();
    }
  });
});

interface Child {
  process: ChildProcess;
  endpoint: string;
  stderr: () => string;
}

/** Starts local/sqs/standalone.ts in its own node process (no npx/tsx wrapper, so SIGKILL hits the server itself). */
function spawnServer(dir: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', STANDALONE, '--port', '0', '--data-dir', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 20_000);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        resolvePromise({ process: child, endpoint: (JSON.parse(line) as { endpoint: string }).endpoint, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
}

describe('kill -9', () => {
  test('every acknowledged send is there exactly once after SIGKILL and restart; acknowledged deletes stay deleted', async () => {
    const dir = dataDir();
    const first = await spawnServer(dir);
    let sqs = client(first.endpoint);
    let url = (await sqs.send(new CreateQueueCommand({ QueueName: 'crash', Attributes: { VisibilityTimeout: '2' } }))).QueueUrl!;

    // 200 acknowledged messages: 100 single sends (10 at a time), 10 batches of 10.
    const acked = new Set<string>();
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const body = `single-${round}-${i}`;
          await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
          acked.add(body);
        }),
      );
      const entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `batch-${round}-${i}` }));
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
      expect(out.Successful).toHaveLength(10);
      for (const e of entries) acked.add(e.MessageBody);
    }

    // 20 received: 10 deleted (acknowledged), 10 left in flight for 2 s.
    const received: Message[] = [...(await receiveAll(sqs, url)), ...(await receiveAll(sqs, url))];
    expect(received).toHaveLength(20);
    const deleted = new Set<string>();
    for (const m of received.slice(0, 10)) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
      deleted.add(m.Body!);
    }

    // A burst of sends, killed in the middle: some acknowledged, some not.
    const burstAcked = new Set<string>();
    const burstTried = new Set<string>();
    let killed = false;
    const burst = Array.from({ length: 150 }, async (_, i) => {
      const body = `burst-${i}`;
      burstTried.add(body);
      try {
        await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
        if (!killed) burstAcked.add(body);
        if (burstAcked.size >= 40 && !killed) {
          killed = true;
          first.process.kill('SIGKILL');
        }
      } catch {
        // Unacknowledged: may or may not have been stored, but never twice.
      }
    });
    await Promise.all(burst);
    expect(killed).toBe(true);
    await exited(first.process);
    expect(first.process.signalCode).toBe('SIGKILL');
    sqs.destroy();

    const second = await spawnServer(dir);
    sqs = client(second.endpoint);
    url = `${second.endpoint}/${ACCOUNT}/crash`;
    try {
      const expected = [...acked].filter((b) => !deleted.has(b));
      const seen: string[] = [];
      // Receive everything with a long visibility timeout; the 10 in flight at the crash come back within 2 s.
      const deadline = Date.now() + 15_000;
      for (;;) {
        const batch = await receiveAll(sqs, url, { VisibilityTimeout: 300 });
        seen.push(...batch.map((m) => m.Body!));
        const c = await counts(sqs, url);
        const allExpected = expected.every((b) => seen.includes(b));
        if (allExpected && batch.length === 0 && c.visible === 0 && c.notVisible === seen.length) break;
        if (Date.now() > deadline) throw new Error(`missing after restart: ${expected.filter((b) => !seen.includes(b)).join(', ')}`);
        if (batch.length === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(new Set(seen).size).toBe(seen.length); // exactly once
      for (const b of expected) expect(seen).toContain(b);
      for (const b of deleted) expect(seen).not.toContain(b);
      for (const b of burstAcked) expect(seen).toContain(b);
      for (const b of seen) expect(acked.has(b) || burstTried.has(b)).toBe(true);
    } finally {
      sqs.destroy();
      second.process.kill('SIGTERM');
      await exited(second.process);
    }
  });
});
