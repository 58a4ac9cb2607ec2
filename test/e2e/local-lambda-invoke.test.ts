/**
 * The local Lambda endpoint on the whole platform, over HTTP with fetch as any client
 * would call it: the monthly CreditGrading job of the synthesized app run on demand
 * (`aws lambda invoke --payload '{"period":"2026-11"}'`), by name and by ARN; its own
 * error for a bad period as Lambda reports a handler's error; 404 for a function that
 * is not there; 413 for a payload over the limit; Event (202, runs in the background)
 * and DryRun (204). And the platform's cap on a function's execution environments, which a
 * test platform sets to two. One platform for all of it; every wait polls with a deadline.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD_LIMIT_BYTES } from '../../local/lambda';
import type { LocalFunction } from '../../local/topology';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

let platform: TestPlatform;
let grading: LocalFunction;

beforeAll(async () => {
  platform = await startTestPlatform();
  const { schedules, functions } = platform.topology;
  const schedule = schedules.find((s) => s.ruleArn?.endsWith(':rule/anxin-dev-credit-grading'));
  grading = functions.find((f) => f.logicalId === schedule?.functionLogicalId)!;
  expect(grading, 'the CreditGrading schedule and its function').toBeDefined();
});
afterAll(async () => {
  await platform?.close();
});

function invoke(functionName: string, payload?: string | Buffer, invocationType?: string): Promise<Response> {
  return fetch(`${platform.lambdaEndpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, {
    method: 'POST',
    headers: invocationType ? { 'x-amz-invocation-type': invocationType } : {},
    body: payload,
  });
}

const reportsOf = (fn: LocalFunction) => platform.logs.filter((line) => line.startsWith(`[${fn.functionName}] REPORT`)).length;

describe('the Lambda Invoke endpoint', () => {
  it('listens on loopback and is in local.json', () => {
    expect(platform.lambdaEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as { lambdaEndpoint: string };
    expect(info.lambdaEndpoint).toBe(platform.lambdaEndpoint);
  });

  it("runs a scheduled job on demand and answers with its result, through the platform's function host", async () => {
    const reportsBefore = reportsOf(grading);
    const res = await invoke(grading.functionName, '{"period":"2026-11"}');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-executed-version')).toBe('$LATEST');
    expect(res.headers.get('x-amz-function-error')).toBeNull();
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const report = (await res.json()) as { period: string; graded: number; alreadyGraded: number; failed: unknown[] };
    expect(report).toMatchObject({ period: '2026-11', failed: [] });
    expect(report.graded).toBeGreaterThan(0); // the seeded demo enterprise
    // The same host as every other caller: its REPORT line is in the platform log.
    expect(reportsOf(grading)).toBe(reportsBefore + 1);

    // By ARN, qualified with the one version there is: the same function, the month graded already.
    const again = await invoke(`${grading.arn}:$LATEST`, '{"period":"2026-11"}');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ period: '2026-11', graded: 0, alreadyGraded: report.graded });
  });

  it("answers a handler's error as Lambda does: 200, X-Amz-Function-Error: Unhandled, {errorType, errorMessage, trace}", async () => {
    const res = await invoke(grading.functionName, '{"period":"next month"}');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(res.headers.get('x-amz-executed-version')).toBe('$LATEST');
    const body = (await res.json()) as { errorType: string; errorMessage: string; trace: string[] };
    expect(body).toMatchObject({ errorType: 'Error', errorMessage: 'period "next month" is not YYYY-MM' });
    expect(body.trace[0]).toBe('Error: period "next month" is not YYYY-MM');
  });

  it('answers 404 ResourceNotFoundException for a function or version that is not there', async () => {
    const res = await invoke('anxin-dev-no-such-function', '{}');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await res.json()).toEqual({ Type: 'User', Message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:anxin-dev-no-such-function' });
    const version = await invoke(`${grading.functionName}:1`, '{}');
    expect(version.status).toBe(404);
    expect(((await version.json()) as { Message: string }).Message).toBe(`Function not found: ${grading.arn}:1`);
  });

  it('answers 413 for a payload over the synchronous limit, without running the function', async () => {
    const reportsBefore = reportsOf(grading);
    const res = await invoke(grading.functionName, `"${'x'.repeat(PAYLOAD_LIMIT_BYTES - 1)}"`);
    expect(res.status).toBe(413);
    expect(res.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException');
    expect(((await res.json()) as { Message: string }).Message).toBe(`Request must be smaller than ${PAYLOAD_LIMIT_BYTES} bytes for the InvokeFunction operation`);
    expect(reportsOf(grading)).toBe(reportsBefore);
  });

  it('accepts an Event invocation with 202 at once and runs it in the background; DryRun runs nothing', async () => {
    const reportsBefore = reportsOf(grading);
    const res = await invoke(grading.functionName, '{"period":"2026-10"}', 'Event');
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    await eventually(
      async () => platform.logs.find((line) => line.startsWith(`[${grading.functionName}]`) && line.includes('"period":"2026-10"')),
      30_000,
      'the Event invocation to grade 2026-10',
    );
    await eventually(async () => (reportsOf(grading) > reportsBefore ? true : undefined), 30_000, 'its REPORT line');

    const dry = await invoke(grading.functionName, '{"period":"2026-09"}', 'DryRun');
    expect(dry.status).toBe(204);
    expect(platform.logs.some((line) => line.includes('"period":"2026-09"'))).toBe(false);
  });
});

describe('execution environments', () => {
  it('a test platform runs at most two of one function (lambdaConcurrency; npm start runs four): four at once, two cold starts', async () => {
    // The `$default` route's function: nothing else in this file invokes it, and it reads nothing.
    const noRoute = platform.topology.functions.find((f) => f.logicalId.startsWith('NoRouteFunction'));
    expect(noRoute, 'the $default route function').toBeDefined();
    const event = { version: '2.0', routeKey: '$default', rawPath: '/nowhere', headers: {}, requestContext: { http: { method: 'GET', path: '/nowhere' } } };
    // Whatever else reached it before (one run found an environment of it warm) only spares cold starts.
    const warmBefore = platform.functionStats(noRoute!.logicalId).environments;
    const results = await Promise.all(Array.from({ length: 4 }, () => platform.invoke(noRoute!.logicalId, event)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(platform.functionStats(noRoute!.logicalId).environments).toBe(2);
    expect(results.filter((r) => r.coldStart)).toHaveLength(2 - warmBefore);
  });
});
