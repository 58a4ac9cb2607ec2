/**
 * The size of one API Gateway access-log line, rendered from the stage's own
 * `AccessLogSettings.Format` (read from the template) with the request's real method,
 * route, status, lengths and latencies, and AWS-shaped placeholders for ids. API Gateway
 * writes "-" for a variable with no value, as here.
 */
export interface AccessLogRequest {
  method: string;
  routeKey: string;
  status: number;
  responseBytes: number;
  latencyMs: number;
}

// Same lengths as AWS's values: request ids are 16 characters, epoch seconds 10 digits.
const SAMPLE_REQUEST_ID = 'AbCdEfGhIjKlMnO=';
const SAMPLE_EPOCH = '1700000000';

export function accessLogLineBytes(format: string, r: AccessLogRequest): number {
  const values: Record<string, string> = {
    requestId: SAMPLE_REQUEST_ID,
    extendedRequestId: SAMPLE_REQUEST_ID,
    requestTime: '21/Nov/2025:09:00:00 +0000',
    requestTimeEpoch: SAMPLE_EPOCH,
    httpMethod: r.method,
    routeKey: r.routeKey,
    status: String(r.status),
    protocol: 'HTTP/1.1',
    responseLength: String(r.responseBytes),
    responseLatency: String(Math.round(r.latencyMs)),
    integrationLatency: String(Math.max(0, Math.round(r.latencyMs) - 1)),
    integrationStatus: String(r.status),
  };
  const line = format.replace(/\$context\.([A-Za-z.]+)/g, (_, name: string) => values[name] ?? '-');
  return Buffer.byteLength(`${line}\n`);
}
