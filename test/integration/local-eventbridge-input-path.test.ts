/**
 * local/eventbridge with a target InputPath, as the insurer and webhook queues use it:
 * PutEvents (real SDK) of a CloudEvent → rule → SQS target with InputPath `$.detail` → the
 * message body is the CloudEvent itself, not the EventBridge envelope. Lambda targets get
 * the selected value as their event; a path that selects nothing drops the delivery.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, pollUntil, REGION, startTestEventBridge, TEST_BUS as BUS, TEST_BUS_ARN, testRule as rule, type TestEventBridge } from '../support/eventbridge';

let t: TestEventBridge;
let client: EventBridgeClient;

beforeAll(async () => {
  t = await startTestEventBridge({
    buses: [{ logicalId: 'Bus', name: BUS, arn: TEST_BUS_ARN }],
    rules: [
      rule('insurer-demo', { 'detail-type': ['cn.anxin.claim.filed.v1'], detail: { anxininsurer: ['ten_DEMO'] } }, [
        { kind: 'sqs', id: 'q', queueLogicalId: 'Insurer', inputPath: '$.detail' },
        { kind: 'lambda', id: 'f', functionLogicalId: 'Listener', inputPath: '$.detail.data' },
      ]),
      rule('nothing-there', { 'detail-type': ['cn.anxin.claim.filed.v1'] }, [{ kind: 'sqs', id: 'n', queueLogicalId: 'Nothing', inputPath: '$.detail.notThere' }]),
    ],
    queues: [
      { logicalId: 'Insurer', name: 'anxin-test-insurer-demo' },
      { logicalId: 'Nothing', name: 'anxin-test-nothing' },
    ],
    delivery: { attempts: 3, baseDelayMs: 10 },
  });
  client = new EventBridgeClient({ endpoint: t.events.endpoint, region: REGION, credentials: CREDENTIALS });
});
afterAll(async () => {
  client?.destroy();
  await t?.close();
});

const cloudEvent = {
  specversion: '1.0',
  id: 'evt_01INPUTPATH0000000000000001',
  source: '/anxin/test/claims',
  type: 'cn.anxin.claim.filed.v1',
  subject: 'clm_1',
  time: '2026-11-26T08:00:00Z',
  anxininsurer: 'ten_DEMO',
  anxintenant: 'ten_ENTERPRISE',
  data: { claimId: 'clm_1', amountClaimedFen: 120000 },
};

describe('InputPath $.detail', () => {
  it('puts the CloudEvent itself on the queue; the Lambda target gets $.detail.data', async () => {
    const out = await client.send(
      new PutEventsCommand({ Entries: [{ EventBusName: BUS, Source: cloudEvent.source, DetailType: cloudEvent.type, Detail: JSON.stringify(cloudEvent) }] }),
    );
    expect(out.FailedEntryCount).toBe(0);
    await t.events.idle();
    const messages = await pollUntil(async () => {
      const got = await t.drain('Insurer');
      return got.length > 0 ? got : undefined;
    }, 'the insurer message');
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.Body!)).toEqual(cloudEvent);
    expect(messages[0]!.Body).toBe(JSON.stringify(cloudEvent));
    expect(t.invocations.get('Listener')).toEqual([cloudEvent.data]);
  });

  it('drops a delivery whose path selects nothing, at once and with a log line (no retries)', async () => {
    expect(await t.drain('Nothing')).toEqual([]);
    expect(t.logs.filter((l) => l.includes('rule nothing-there'))).toEqual([
      expect.stringMatching(/dropped .* after 1 attempt\(s\): InputPath \$\.detail\.notThere selects nothing/),
    ]);
  });
});
