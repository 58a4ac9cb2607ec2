/**
 * Usage (what the meter counted) × list prices (bench/prices.us-east-1.json, the one
 * dated price file) = dollars, line by line. Pure: test/unit/cost-model.test.ts checks it
 * against a hand-computed example.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sum, type Usage } from '../../local/metering/usage';

export interface Prices {
  asOf: string;
  region: string;
  httpApi: { perMillionRequests: number };
  lambda: { perMillionRequests: number; perGbSecond: { arm64: number; x86_64: number } };
  sqs: { perMillionRequests: { fifo: number; standard: number } };
  dynamodb: { perMillionWriteRequestUnits: number; perMillionReadRequestUnits: number };
  cloudwatchLogs: { perGbIngested: number };
  eventbridge: { perMillionCustomEvents: number };
  kms: { perTenThousandRequests: number };
  xray: { perMillionTracesRecorded: number };
}

export const PRICES_FILE = fileURLToPath(new URL('../prices.us-east-1.json', import.meta.url));

export function loadPrices(file = PRICES_FILE): Prices {
  const prices = JSON.parse(readFileSync(file, 'utf8')) as Prices;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(prices.asOf ?? '')) throw new Error(`${file}: "asOf" must be the date the prices were looked up (YYYY-MM-DD)`);
  return prices;
}

export interface CostLine {
  service: string;
  quantity: number;
  unit: string;
  usd: number;
}

const GB = 1024 ** 3;
const M = 1e6;

export function priceUsage(usage: Usage, prices: Prices): { lines: CostLine[]; totalUsd: number } {
  const fns = Object.values(usage.lambda);
  const invocations = fns.reduce((n, f) => n + f.invocations, 0);
  const gbSeconds = (arch: 'arm64' | 'x86_64') => fns.filter((f) => f.architecture === arch).reduce((n, f) => n + f.gbSeconds, 0);
  const httpRequests = sum(usage.http.requests);
  const fifo = sum(usage.sqs.billedFifo);
  const standard = sum(usage.sqs.billedStandard);
  const wru = sum(usage.dynamodb.tableWru) + sum(usage.dynamodb.indexWru);
  const rru = sum(usage.dynamodb.rru);
  const events = usage.eventbridge.events;
  const kmsRequests = sum(usage.kms.calls);
  const logBytes = fns.reduce((n, f) => n + f.functionLogBytes + f.platformLogBytes, 0) + usage.http.accessLogBytes;

  const lines: CostLine[] = [
    { service: 'API Gateway HTTP API', quantity: httpRequests, unit: 'requests', usd: (httpRequests / M) * prices.httpApi.perMillionRequests },
    { service: 'Lambda requests', quantity: invocations, unit: 'invocations', usd: (invocations / M) * prices.lambda.perMillionRequests },
    {
      service: 'Lambda duration',
      quantity: gbSeconds('arm64') + gbSeconds('x86_64'),
      unit: 'GB-s',
      usd: gbSeconds('arm64') * prices.lambda.perGbSecond.arm64 + gbSeconds('x86_64') * prices.lambda.perGbSecond.x86_64,
    },
    {
      service: 'SQS requests',
      quantity: fifo + standard,
      unit: 'billed requests',
      usd: (fifo / M) * prices.sqs.perMillionRequests.fifo + (standard / M) * prices.sqs.perMillionRequests.standard,
    },
    { service: 'DynamoDB writes', quantity: wru, unit: 'WRU', usd: (wru / M) * prices.dynamodb.perMillionWriteRequestUnits },
    { service: 'DynamoDB reads', quantity: rru, unit: 'RRU', usd: (rru / M) * prices.dynamodb.perMillionReadRequestUnits },
    { service: 'EventBridge custom events', quantity: events, unit: 'events', usd: (events / M) * prices.eventbridge.perMillionCustomEvents },
    { service: 'KMS requests', quantity: kmsRequests, unit: 'requests', usd: (kmsRequests / 10_000) * prices.kms.perTenThousandRequests },
    { service: 'CloudWatch Logs', quantity: logBytes, unit: 'bytes ingested', usd: (logBytes / GB) * prices.cloudwatchLogs.perGbIngested },
  ];
  return { lines, totalUsd: lines.reduce((n, l) => n + l.usd, 0) };
}

/** Divides every count in a usage by `n` (usage per command). */
export function perCommand(lines: CostLine[], n: number): CostLine[] {
  return lines.map((l) => ({ ...l, quantity: l.quantity / n, usd: l.usd / n }));
}

/**
 * What a command's shape costs before any size or duration: its requests (HTTP API,
 * Lambda invocations, SQS, EventBridge, KMS) as counted, plus its DynamoDB writes as if
 * every item and index entry were under 1 KB. Reads, Lambda duration and logs are left
 * out, so the floor is below any real figure: a target under it cannot be met by tuning,
 * only by a different shape (fewer hops, fewer items per command).
 */
export function shapeFloor(usage: Usage, prices: Prices): { requestsUsd: number; writesUsd: number } {
  const byService = new Map(priceUsage(usage, prices).lines.map((l) => [l.service, l.usd]));
  const requestsUsd = ['API Gateway HTTP API', 'Lambda requests', 'SQS requests', 'EventBridge custom events', 'KMS requests'].reduce(
    (n, service) => n + (byService.get(service) ?? 0),
    0,
  );
  const writesUsd = (usage.dynamodb.wruUnderOneKb / M) * prices.dynamodb.perMillionWriteRequestUnits;
  return { requestsUsd, writesUsd };
}

/** Target: every command's priced total within this multiple of its shape's floor. */
export const FLOOR_TARGET_RATIO = 1.1;

/**
 * Every command is judged against its own shape's floor: at most FLOOR_TARGET_RATIO times it.
 * A miss is said plainly, with what lifts the command above its floor, largest first.
 */
export function floorVerdict(perMillionUsd: number, floorPerMillion: number, aboveFloor: Record<string, number>): string {
  if (perMillionUsd <= floorPerMillion * FLOOR_TARGET_RATIO) return 'ok';
  const reasons = Object.entries(aboveFloor)
    .filter(([, usd]) => usd >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([what, usd]) => `${what} $${usd.toFixed(2)}`);
  return `MISSED: ${Math.round((perMillionUsd / floorPerMillion) * 100) / 100}× the floor; above it per million: ${reasons.join(', ')}`;
}
