/**
 * CDK's CloudFormation validation for `cdk synth` and `cdk deploy`, run in a worker thread:
 * its engine is built while the app constructs and synthesizes its stacks, and the templates
 * are validated while cdk-nag checks the construct tree, instead of one after the other on the
 * app's one thread.
 *
 * The validation (aws-cdk-lib's `CloudFormationValidatePlugin`) checks every template with a
 * 9 MB WebAssembly engine (measured 2026-12-07 on Anxin's three dev templates: loading it
 * ~0.25 s, building it ~1.05 s, then validating ~0.7 s for the API stack, ~0.25 for the
 * programme stack, ~0.06 for the stateful one). The CDK builds and runs it after the synthesis,
 * after the app's own plugins (here cdk-nag, 0.5–0.9 s), on the app's thread; the other core
 * is idle then. Here the CDK's own plugin runs in a worker (cloudformation-validation-worker.cjs):
 * - built as soon as the app has its bundles (infra/app.ts: not during the esbuild pass, which
 *   keeps both cores busy), with an engine for every type in `RESOURCE_TYPES` (the
 *   plugin keeps its engine for templates of those types: the CDK's behaviour, not its API;
 *   the worker reports whether the early engine served, and test/infra checks it);
 * - started on the templates by the plugin the CDK runs before it (`startedBy`, around
 *   cdk-nag, which reads the construct tree, not the template files), and awaited when the CDK
 *   runs this one.
 *
 * `validate()` must return its report synchronously, so the app's thread waits for the
 * worker's answer with `Atomics.wait` and takes it with `receiveMessageOnPort`. Written by
 * hand: the libraries that make a worker call synchronous (synckit) block at the call, and
 * the point here is to start the call earlier than the CDK asks for its result.
 *
 * This class extends the CDK's plugin so that the CDK treats it as its own: registered with
 * `Validations.of(app).addPlugins`, it replaces the default one (as the CDK documents), its
 * findings are downgraded or not as the CDK's are, and its report carries the CDK's plugin
 * name. The findings are the CDK's own plugin's, computed in the worker.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { CloudFormationValidatePlugin, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport } from 'aws-cdk-lib';

/** Every CloudFormation resource type of Anxin's stacks, in every stage. */
export const RESOURCE_TYPES: readonly string[] = [
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CloudWatch::Alarm',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Events::Archive',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::KMS::Alias',
  'AWS::KMS::Key',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
];

const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cloudformation-validation-worker.cjs');
/** How long the app waits for the worker's answer before it reports the validation as failed. */
const ANSWER_LIMIT_MS = 120_000;

/** Whether the CDK would validate this app's synthesis (`--no-validation` sets `CDK_VALIDATION=false`). */
export function validationEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CDK_VALIDATION !== 'false';
}

type Answer = { report: PolicyValidationPluginReport; engineReused: boolean } | { error: string };

/** The worker: its engine, built as it starts, then the validations it is sent, one at a time. */
class ValidationWorker {
  private readonly worker: Worker;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly readyPort: MessagePort;
  private ready?: { version: string } | { error: string };

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(WORKER_FILE, {
      execArgv: [],
      workerData: { signal: this.signal.buffer, resourceTypes: RESOURCE_TYPES, readyPort: port1 },
      transferList: [port1],
    });
    // Neither keeps the app's process alive: nothing is owed to a worker nobody asks anything.
    this.worker.unref();
    port2.unref();
    this.readyPort = port2;
  }

  /** The version of the validation's engine, once the worker has built it. */
  version(): string {
    this.ready ??= this.receive(this.readyPort, 'build its engine') as { version: string } | { error: string };
    return 'version' in this.ready ? this.ready.version : 'unknown';
  }

  /** Sends the templates to the worker. */
  validate(context: IPolicyValidationContext): Job {
    const { port1, port2 } = new MessageChannel();
    port2.unref();
    this.worker.postMessage({ stackTemplates: stackTemplatesOf(context), port: port1 }, [port1]);
    return new Job(keyOf(context), port2, this);
  }

  stop(): void {
    void this.worker.terminate();
  }

  /** The next message on `port`, waiting on this thread until the worker has posted it. */
  receive(port: MessagePort, what: string): unknown {
    const deadline = Date.now() + ANSWER_LIMIT_MS;
    for (;;) {
      // Read the counter before the port: a message posted in between changes it, so the wait returns at once.
      const seen = Atomics.load(this.signal, 0);
      const received = receiveMessageOnPort(port);
      if (received) return received.message;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`The CloudFormation validation's worker did not ${what} within ${ANSWER_LIMIT_MS / 1000} s`);
      Atomics.wait(this.signal, 0, seen, left);
    }
  }
}

/** One validation sent to the worker, and its answer once taken. */
class Job {
  private taken?: Answer;

  constructor(
    readonly key: string,
    private readonly port: MessagePort,
    private readonly worker: ValidationWorker,
  ) {}

  /** Whether the worker has answered, without waiting. */
  hasAnswered(): boolean {
    this.taken ??= receiveMessageOnPort(this.port)?.message as Answer | undefined;
    return this.taken !== undefined;
  }

  answer(): Answer {
    return (this.taken ??= this.worker.receive(this.port, 'validate the templates') as Answer);
  }
}

/**
 * The CDK's CloudFormation validation, in a worker started now (see the module comment). The
 * worker lives as long as the plugin, as the CDK's own plugin keeps its engine; it does not keep
 * the process alive, and stop() ends it sooner.
 */
export class CloudFormationValidationInWorker extends CloudFormationValidatePlugin {
  private readonly worker = new ValidationWorker();
  private started?: Job;
  /** Whether the engine built as the worker started served the last validation. */
  engineReused?: boolean;

  override get version(): string {
    return this.worker.version();
  }

  override get ruleIds(): string[] {
    return [this.version];
  }

  /**
   * `plugin`, starting this validation when the CDK runs it: register it before this one, so
   * the worker checks the templates (written by then) while `plugin` runs.
   */
  startedBy(plugin: IPolicyValidationPlugin): IPolicyValidationPlugin {
    return {
      name: plugin.name,
      version: plugin.version,
      ruleIds: plugin.ruleIds,
      validate: (context: IPolicyValidationContext): PolicyValidationPluginReport => {
        this.started = this.worker.validate(context);
        return plugin.validate(context);
      },
    };
  }

  /** Whether the worker has checked the templates it was last given, without waiting. */
  hasAnswered(): boolean {
    return this.started?.hasAnswered() ?? false;
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const job = this.started?.key === keyOf(context) ? this.started : this.worker.validate(context);
    this.started = undefined;
    const answer = job.answer();
    if ('error' in answer) throw new Error(`CloudFormation validation failed: ${answer.error}`);
    this.engineReused = answer.engineReused;
    return answer.report;
  }

  stop(): void {
    this.worker.stop();
  }
}

/** The templates a validation checks, and as which account and region: plain data for the worker. */
function stackTemplatesOf(context: IPolicyValidationContext): IPolicyValidationContext['stackTemplates'] {
  return context.stackTemplates.map(({ stackConstructPath, templatePath, accountId, region }) => ({ stackConstructPath, templatePath, accountId, region }));
}

/** Which validation a context asks for: the same templates, accounts and regions, the same key. */
function keyOf(context: IPolicyValidationContext): string {
  return JSON.stringify(stackTemplatesOf(context));
}
