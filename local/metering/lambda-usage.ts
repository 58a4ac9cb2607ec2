/**
 * Lambda's billing of one invocation, and the log bytes Lambda itself adds to CloudWatch.
 *
 * Duration is billed per 1 ms, rounded up, at the function's configured memory (GB-s =
 * MemorySize / 1024 × billed seconds). The platform lines (START, END, REPORT, and the
 * XRAY line under REPORT when active tracing sampled the request) are not printed by the
 * local runtime in AWS's format, so their size is modelled from AWS's format with
 * the real request id length and the measured duration.
 */
export const billedMilliseconds = (durationMs: number): number => Math.max(1, Math.ceil(durationMs));

export const gigabyteSeconds = (memoryMb: number, billedMs: number): number => (memoryMb / 1024) * (billedMs / 1000);

const REQUEST_ID = '00000000-0000-0000-0000-000000000000';
const TRACE = 'XRAY TraceId: 1-00000000-000000000000000000000000\tSegmentId: 0000000000000000\tSampled: true\t\n';
const RUNTIME_ARN = `arn:aws:lambda:us-east-1::runtime:${'0'.repeat(64)}`;

/** Bytes of the START/END/REPORT(/XRAY) lines Lambda writes for one invocation (and INIT_START on a cold start). */
export function platformLogBytes(args: { durationMs: number; memoryMb: number; coldStart: boolean; tracing: boolean; initMs?: number }): number {
  const billed = billedMilliseconds(args.durationMs);
  const lines = [
    `START RequestId: ${REQUEST_ID} Version: $LATEST\n`,
    `END RequestId: ${REQUEST_ID}\n`,
    `REPORT RequestId: ${REQUEST_ID}\tDuration: ${args.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\t` +
      `Memory Size: ${args.memoryMb} MB\tMax Memory Used: ${Math.min(args.memoryMb, 99)} MB\t` +
      (args.coldStart ? `Init Duration: ${(args.initMs ?? 100).toFixed(2)} ms\t` : '') +
      '\n',
  ];
  if (args.tracing) lines.push(TRACE);
  if (args.coldStart) lines.push(`INIT_START Runtime Version: nodejs:22.v50\tRuntime Version ARN: ${RUNTIME_ARN}\n`);
  return lines.reduce((n, line) => n + Buffer.byteLength(line), 0);
}
