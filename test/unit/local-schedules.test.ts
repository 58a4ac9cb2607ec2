/**
 * local/schedules: the rate/cron parser, next fire times in UTC (pure functions fed fixed
 * instants), and the scheduler driven by a fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvokeResult } from '../../local/lambda';
import { nextFireTime, parseScheduleExpression, ScheduleExpressionError, startSchedules } from '../../local/schedules';
import type { LocalSchedule } from '../../local/topology';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The next `count` fire times of `expression` after `from`. */
function fires(expression: string, from: string, count = 1): (string | undefined)[] {
  const parsed = parseScheduleExpression(expression);
  const out: (string | undefined)[] = [];
  let after = at(from);
  for (let i = 0; i < count; i++) {
    const next = nextFireTime(parsed, after, at(from));
    out.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return out;
}

describe('rate expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(12 hours)', 43_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(7 days)', 604_800_000],
  ])('%s', (expression, periodMs) => {
    expect(parseScheduleExpression(expression)).toMatchObject({ kind: 'rate', periodMs });
  });

  it.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 minutes)', 'rate(1 week)', 'rate(-1 days)', 'rate(1.5 hours)', 'rate()', 'every(1 day)', 'at(2030-01-01T00:00:00)'])(
    'rejects %s clearly',
    (expression) => {
      expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    },
  );

  it('counts whole periods from the start', () => {
    const parsed = parseScheduleExpression('rate(10 minutes)');
    const start = at('2025-01-01T00:00:07Z');
    expect(iso(nextFireTime(parsed, start, start))).toBe('2025-01-01T00:10:07.000Z');
    expect(iso(nextFireTime(parsed, start + 25 * 60_000, start))).toBe('2025-01-01T00:30:07.000Z');
    // Exactly on a fire time: the next one, strictly after.
    expect(iso(nextFireTime(parsed, start + 30 * 60_000, start))).toBe('2025-01-01T00:40:07.000Z');
  });
});

describe('cron expressions: next fire times in UTC', () => {
  it('daily at a fixed time (strictly after the given instant)', () => {
    expect(fires('cron(0 18 * * ? *)', '2025-01-01T17:59:30Z', 2)).toEqual(['2025-01-01T18:00:00.000Z', '2025-01-02T18:00:00.000Z']);
    expect(fires('cron(0 18 * * ? *)', '2025-01-01T18:00:00Z')).toEqual(['2025-01-02T18:00:00.000Z']);
  });

  it('steps, ranges and lists', () => {
    expect(fires('cron(0/15 * * * ? *)', '2025-01-01T10:07:00Z', 3)).toEqual([
      '2025-01-01T10:15:00.000Z',
      '2025-01-01T10:30:00.000Z',
      '2025-01-01T10:45:00.000Z',
    ]);
    expect(fires('cron(*/20 8-9 * * ? *)', '2025-01-01T09:50:00Z', 2)).toEqual(['2025-01-02T08:00:00.000Z', '2025-01-02T08:20:00.000Z']);
    expect(fires('cron(5,35 3 * * ? *)', '2025-01-01T03:10:00Z', 2)).toEqual(['2025-01-01T03:35:00.000Z', '2025-01-02T03:05:00.000Z']);
    expect(fires('cron(10-30/10 0 * * ? *)', '2025-01-01T00:00:00Z', 4)).toEqual([
      '2025-01-01T00:10:00.000Z',
      '2025-01-01T00:20:00.000Z',
      '2025-01-01T00:30:00.000Z',
      '2025-01-02T00:10:00.000Z',
    ]);
  });

  it('day-of-week names and numbers (1 = Sunday)', () => {
    // 2025-01-04 is a Saturday.
    expect(fires('cron(0 9 ? * MON-FRI *)', '2025-01-04T12:00:00Z', 2)).toEqual(['2025-01-06T09:00:00.000Z', '2025-01-07T09:00:00.000Z']);
    expect(fires('cron(0 9 ? * 1 *)', '2025-01-04T12:00:00Z')).toEqual(['2025-01-05T09:00:00.000Z']);
    expect(fires('cron(0 9 ? * sat,SUN *)', '2025-01-03T12:00:00Z', 2)).toEqual(['2025-01-04T09:00:00.000Z', '2025-01-05T09:00:00.000Z']);
  });

  it('months, years, and the end of the calendar', () => {
    expect(fires('cron(0 8 1 JAN,JUL ? 2030-2031)', '2025-06-01T00:00:00Z', 5)).toEqual([
      '2030-01-01T08:00:00.000Z',
      '2030-07-01T08:00:00.000Z',
      '2031-01-01T08:00:00.000Z',
      '2031-07-01T08:00:00.000Z',
      undefined,
    ]);
    expect(fires('cron(0 0 1 1 ? 1999)', '2025-01-01T00:00:00Z')).toEqual([undefined]);
    // A date that never exists.
    expect(fires('cron(0 0 30 2 ? *)', '2025-01-01T00:00:00Z')).toEqual([undefined]);
    expect(fires('cron(0 0 29 2 ? *)', '2025-01-01T00:00:00Z')).toEqual(['2028-02-29T00:00:00.000Z']);
  });

  it('L, LW and W in day-of-month', () => {
    expect(fires('cron(0 12 L * ? *)', '2024-02-01T00:00:00Z', 2)).toEqual(['2024-02-29T12:00:00.000Z', '2024-03-31T12:00:00.000Z']);
    // 2025-08-31 is a Sunday: the last weekday is Friday the 29th.
    expect(fires('cron(0 12 LW * ? *)', '2025-08-01T00:00:00Z')).toEqual(['2025-08-29T12:00:00.000Z']);
    // 2025-03-15 is a Saturday → Friday the 14th; 2025-06-15 is a Sunday → Monday the 16th.
    expect(fires('cron(0 12 15W * ? *)', '2025-03-01T00:00:00Z')).toEqual(['2025-03-14T12:00:00.000Z']);
    expect(fires('cron(0 12 15W * ? *)', '2025-06-01T00:00:00Z')).toEqual(['2025-06-16T12:00:00.000Z']);
    // 2025-02-01 is a Saturday: 1W stays in February, on Monday the 3rd.
    expect(fires('cron(0 12 1W * ? *)', '2025-01-31T00:00:00Z')).toEqual(['2025-02-03T12:00:00.000Z']);
  });

  it('L and # in day-of-week', () => {
    // Last Friday of January 2025 is the 31st; of February, the 28th.
    expect(fires('cron(0 10 ? * 6L *)', '2025-01-01T00:00:00Z', 2)).toEqual(['2025-01-31T10:00:00.000Z', '2025-02-28T10:00:00.000Z']);
    expect(fires('cron(0 10 ? * FRIL *)', '2025-01-01T00:00:00Z')).toEqual(['2025-01-31T10:00:00.000Z']);
    // L alone is the last Saturday.
    expect(fires('cron(0 10 ? * L *)', '2025-01-01T00:00:00Z')).toEqual(['2025-01-25T10:00:00.000Z']);
    // First Monday of February 2025 is the 3rd; third Wednesday of January is the 15th.
    expect(fires('cron(0 10 ? * 2#1 *)', '2025-01-10T00:00:00Z')).toEqual(['2025-02-03T10:00:00.000Z']);
    expect(fires('cron(0 10 ? * WED#3 *)', '2025-01-01T00:00:00Z')).toEqual(['2025-01-15T10:00:00.000Z']);
  });

  it.each([
    ['cron(0 18 * * *)', /expected 6 fields/],
    ['cron(0 18 * * * *)', /exactly one of day-of-month and day-of-week must be "\?"/],
    ['cron(0 18 ? * ? *)', /exactly one of day-of-month and day-of-week/],
    ['cron(60 18 * * ? *)', /minutes value "60" is not in 0-59/],
    ['cron(0 24 * * ? *)', /hours value "24"/],
    ['cron(0 0 0 * ? *)', /day-of-month value "0"/],
    ['cron(0 0 * 13 ? *)', /month value "13"/],
    ['cron(0 0 ? * 8 *)', /day-of-week value "8"/],
    ['cron(0 0 * * ? 2200)', /year value "2200"/],
    ['cron(L 0 * * ? *)', /minutes "L": only , - \* \/ are allowed/],
    ['cron(0 0 * FOO ? *)', /month value "FOO"/],
    ['cron(0 22-2 * * ? *)', /runs backwards/],
    ['cron(0 0 L-3 * ? *)', /supported only as the whole field/],
    ['cron(0 0 1,L * ? *)', /supported only as the whole field/],
    ['cron(0 0 ? * MON#6 *)', /week must be 1-5/],
    ['cron(0 0 ? * 2#1,3 *)', /supported only as the whole field/],
    ['cron(0/0 0 * * ? *)', /step must be at least 1/],
  ])('rejects %s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });
});

describe('startSchedules with a fake clock', () => {
  const ruleArn = 'arn:aws:events:cn-north-1:111122223333:rule/anxin-dev-nightly';
  const schedule = (overrides: Partial<LocalSchedule>): LocalSchedule => ({
    logicalId: 'Nightly',
    scheduleExpression: 'cron(0 18 * * ? *)',
    functionLogicalId: 'GradesFn',
    enabled: true,
    ruleArn,
    ...overrides,
  });
  const okResult: InvokeResult = { ok: true, result: null, requestId: 'r', durationMs: 1, coldStart: false };
  let invoke: ReturnType<typeof vi.fn<(fn: string, event: unknown) => Promise<InvokeResult>>>;
  let lines: string[];

  beforeEach(() => {
    vi.useFakeTimers({ now: at('2025-01-01T17:58:30Z') });
    invoke = vi.fn(async () => okResult);
    lines = [];
  });
  afterEach(() => vi.useRealTimers());

  it('fires at the next cron time with the Scheduled Event shape', async () => {
    const s = startSchedules({ schedules: [schedule({})], invoke, log: (l) => lines.push(l) });
    expect(iso(s.nextFireTimes().Nightly)).toBe('2025-01-01T18:00:00.000Z');
    await vi.advanceTimersByTimeAsync(89_000);
    expect(invoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(invoke).toHaveBeenCalledTimes(1);
    const [fn, event] = invoke.mock.calls[0]!;
    expect(fn).toBe('GradesFn');
    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '111122223333',
      time: '2025-01-01T18:00:00Z',
      region: 'cn-north-1',
      resources: [ruleArn],
      detail: {},
    });
    expect(iso(s.nextFireTimes().Nightly)).toBe('2025-01-02T18:00:00.000Z');
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(lines.some((l) => l.includes('[schedule] Nightly (cron(0 18 * * ? *)) -> GradesFn: ok in'))).toBe(true);
    s.stop();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(invoke).toHaveBeenCalledTimes(2);
  });

  it('fires rate schedules every period, passes the target Input, skips disabled rules', async () => {
    const s = startSchedules({
      schedules: [
        schedule({ logicalId: 'Every5', scheduleExpression: 'rate(5 minutes)', input: '{"job":"wages"}' }),
        schedule({ logicalId: 'Off', scheduleExpression: 'rate(1 minute)', enabled: false }),
      ],
      invoke,
    });
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(invoke).toHaveBeenCalledTimes(3);
    expect(invoke.mock.calls.every(([fn, event]) => fn === 'GradesFn' && JSON.stringify(event) === '{"job":"wages"}')).toBe(true);
    expect(Object.keys(s.nextFireTimes())).toEqual(['Every5']);
    s.stop();
  });

  it('runNow fires any schedule at once (even a disabled one) and returns the result', async () => {
    const s = startSchedules({ schedules: [schedule({ enabled: false })], invoke, region: 'x', accountId: 'y' });
    await expect(s.runNow('Nightly')).resolves.toEqual(okResult);
    expect((invoke.mock.calls[0]![1] as { time: string }).time).toBe('2025-01-01T17:58:30Z');
    await expect(s.runNow('Nope')).rejects.toThrow(/no schedule Nope/);
    s.stop();
  });

  it("hands a timer's fire to Lambda's asynchronous invocation when given one; runNow still runs it and returns the result", async () => {
    const handed: [string, unknown][] = [];
    const s = startSchedules({ schedules: [schedule({})], invoke, log: (l) => lines.push(l), invokeAsync: (fn, event) => handed.push([fn, event]) });
    await vi.advanceTimersByTimeAsync(90_000);
    expect(handed).toHaveLength(1);
    expect(handed[0]![0]).toBe('GradesFn');
    expect(handed[0]![1]).toMatchObject({ 'detail-type': 'Scheduled Event', resources: [ruleArn] });
    expect(invoke).not.toHaveBeenCalled();
    expect(lines.some((l) => l.endsWith('-> GradesFn: fired (asynchronous invocation)'))).toBe(true);
    await expect(s.runNow('Nightly')).resolves.toEqual(okResult);
    expect(invoke).toHaveBeenCalledTimes(1);
    s.stop();
  });

  it('does not run the function when its resource policy does not let EventBridge invoke it from the rule', async () => {
    const asked: [string, string][] = [];
    const s = startSchedules({
      schedules: [schedule({})],
      invoke,
      log: (l) => lines.push(l),
      mayInvoke: (fn, arn) => (asked.push([fn, arn]), false),
    });
    const result = await s.runNow('Nightly');
    expect(invoke).not.toHaveBeenCalled();
    expect(asked).toEqual([['GradesFn', ruleArn]]);
    expect(result).toMatchObject({ ok: false, error: { errorType: 'AccessDeniedException' } });
    expect(lines.some((l) => l.includes('failed: AccessDeniedException: events.amazonaws.com may not invoke GradesFn'))).toBe(true);
    s.stop();
  });

  it('waits longer than setTimeout can, and logs function errors without stopping', async () => {
    invoke.mockResolvedValue({ ok: false, error: { errorType: 'Error', errorMessage: 'boom' }, requestId: 'r', durationMs: 1, coldStart: false });
    const s = startSchedules({ schedules: [schedule({ scheduleExpression: 'cron(0 0 1 3 ? *)' })], invoke, log: (l) => lines.push(l) });
    expect(iso(s.nextFireTimes().Nightly)).toBe('2025-03-01T00:00:00.000Z');
    await vi.advanceTimersByTimeAsync(at('2025-03-01T00:00:00Z') - Date.now() - 1);
    expect(invoke).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(lines.some((l) => l.endsWith('failed: Error: boom'))).toBe(true);
    expect(iso(s.nextFireTimes().Nightly)).toBe('2026-03-01T00:00:00.000Z');
    s.stop();
  });

  it('refuses to start with an invalid expression, naming the rule', () => {
    expect(() => startSchedules({ schedules: [schedule({ logicalId: 'Bad', scheduleExpression: 'rate(1 fortnight)' })], invoke })).toThrow(/rule Bad/);
    expect(() => startSchedules({ schedules: [schedule({ input: '{not json' })], invoke })).toThrow(/rule Nightly/);
  });
});
