/**
 * local/template: a function's asynchronous-invocation settings (AWS::Lambda::EventInvokeConfig,
 * or Lambda's defaults) are read for local/lambda/async-invoke.ts, and what it cannot run —
 * an SNS destination, a function's own DeadLetterConfig — stops the start by name.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SnsDestination, SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { cdkApps } from '../support/cdk-apps';

const { newApp, read } = cdkApps('local-template-async-invoke', 'us-east-1');

function buildApp(props: Partial<lambda.FunctionProps> = {}, extra?: (stack: Stack) => Partial<lambda.FunctionProps>): string {
  const { app, outdir } = newApp();
  const stack = new Stack(app, 'Async-dev');
  new lambda.Function(stack, 'Worker', {
    functionName: 'async-worker',
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    ...props,
    ...extra?.(stack),
  });
  app.synth();
  return outdir;
}

describe('asynchronous invocation settings', () => {
  it("gives a function without EventInvokeConfig Lambda's defaults: two retries, six hours, no destination", () => {
    expect(read(buildApp()).functions[0]!.asyncInvoke).toEqual({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 });
  });

  it('reads retries, event age and an SQS on-failure destination', () => {
    const topology = read(
      buildApp({ retryAttempts: 0, maxEventAge: Duration.minutes(2) }, (stack) => ({ onFailure: new SqsDestination(new sqs.Queue(stack, 'Failed', { queueName: 'async-failed' })) })),
    );
    const queue = topology.queues.find((q) => q.queueName === 'async-failed')!;
    expect(topology.functions[0]!.asyncInvoke).toEqual({
      maximumRetryAttempts: 0,
      maximumEventAgeSeconds: 120,
      onFailure: { kind: 'sqs', queueLogicalId: queue.logicalId, arn: queue.arn },
    });
  });

  it('refuses by name what it cannot run: an SNS destination, a DeadLetterConfig', () => {
    expect(() => read(buildApp({}, (stack) => ({ onFailure: new SnsDestination(new sns.Topic(stack, 'Alarm')) })))).toThrow(/OnFailure destination .*only a queue or a function/);
    expect(() => read(buildApp({}, (stack) => ({ deadLetterQueue: new sqs.Queue(stack, 'Dlq') })))).toThrow(/DeadLetterConfig is not run locally/);
  });
});
