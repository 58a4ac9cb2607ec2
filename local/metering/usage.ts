/**
 * What the meter counts while the platform runs: the raw quantities AWS bills, per
 * service, before any price is applied (pricing lives with the bench, in one dated file).
 */
export interface DynamoDbUsage {
  /** API calls by operation (GetItem, TransactWriteItems, ...). */
  calls: Record<string, number>;
  /** Read request units by operation. */
  rru: Record<string, number>;
  /** Write request units on the table, by operation. */
  tableWru: Record<string, number>;
  /** Write request units on each GSI. */
  indexWru: Record<string, number>;
  /** Table + index WRU the same writes would cost if every item were under 1 KB (dynamodb-capacity.ts). */
  wruUnderOneKb: number;
  /** Exchanges the proxy could not meter (side read failed); should stay 0. */
  unmetered: number;
}

export interface SqsUsage {
  /** API calls by action. */
  calls: Record<string, number>;
  /** Billed requests (64 KB chunks) by action, split by queue type. */
  billedFifo: Record<string, number>;
  billedStandard: Record<string, number>;
  /** ReceiveMessage calls that returned no message (long polls that came back empty). */
  emptyReceives: number;
}

export interface FunctionUsage {
  memoryMb: number;
  architecture: 'arm64' | 'x86_64';
  invocations: number;
  coldStarts: number;
  billedMs: number;
  gbSeconds: number;
  /** Handler durations as measured (ms), for medians in the report. */
  durationsMs: number[];
  /** Bytes the function printed (its own log lines, newline included). */
  functionLogBytes: number;
  /** Modelled bytes of Lambda's own START/END/REPORT/XRAY lines. */
  platformLogBytes: number;
}

export interface HttpUsage {
  /** HTTP API requests by route key. */
  requests: Record<string, number>;
  /** Modelled bytes of the stage's access log lines. */
  accessLogBytes: number;
}

export interface EventBridgeUsage {
  /** API calls by action. */
  calls: Record<string, number>;
  /** Billed custom events (64 KB chunks of accepted PutEvents entries). */
  events: number;
}

export interface KmsUsage {
  /** API calls by action (each one billed request). */
  calls: Record<string, number>;
}

export interface Usage {
  dynamodb: DynamoDbUsage;
  sqs: SqsUsage;
  eventbridge: EventBridgeUsage;
  kms: KmsUsage;
  /** By function name. */
  lambda: Record<string, FunctionUsage>;
  http: HttpUsage;
}

export const emptyUsage = (): Usage => ({
  dynamodb: { calls: {}, rru: {}, tableWru: {}, indexWru: {}, wruUnderOneKb: 0, unmetered: 0 },
  sqs: { calls: {}, billedFifo: {}, billedStandard: {}, emptyReceives: 0 },
  eventbridge: { calls: {}, events: 0 },
  kms: { calls: {} },
  lambda: {},
  http: { requests: {}, accessLogBytes: 0 },
});

export const add = (record: Record<string, number>, key: string, amount: number): void => {
  record[key] = (record[key] ?? 0) + amount;
};

export const sum = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);

/** Lambda usage scaled by `factor` (e.g. measured over n commands, re-expressed for m). */
export function scaleLambda(lambda: Record<string, FunctionUsage>, factor: number): Record<string, FunctionUsage> {
  return Object.fromEntries(
    Object.entries(lambda).map(([name, f]) => [
      name,
      {
        ...f,
        invocations: f.invocations * factor,
        coldStarts: f.coldStarts,
        billedMs: f.billedMs * factor,
        gbSeconds: f.gbSeconds * factor,
        functionLogBytes: f.functionLogBytes * factor,
        platformLogBytes: f.platformLogBytes * factor,
      },
    ]),
  );
}
