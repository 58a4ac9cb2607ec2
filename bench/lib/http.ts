/** The bench's HTTP client: one request, timed to the last byte of the answer. */
import type { AccessLogRequest } from '../../local/metering/access-log';

export interface Timed {
  status: number;
  body: string;
  ms: number;
}

export async function timedRequest(url: string, init: RequestInit): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(url, init);
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - started };
}

/** Something that wants to know about each HTTP API request (the meter's access-log model). */
export type HttpObserver = (r: AccessLogRequest) => void;
