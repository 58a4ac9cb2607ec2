/** The Idempotency-Key header every POST command route requires (8–128 printable ASCII). */
import { IDEMPOTENCY_KEY } from '../schemas/order';
import { header, type HttpEvent } from './http';
import { problems } from './problem';

export function requiredIdempotencyKey(event: HttpEvent): string {
  const key = header(event, 'idempotency-key');
  if (!key || !IDEMPOTENCY_KEY.safeParse(key).success) {
    throw problems.malformedRequest('An Idempotency-Key header of 8 to 128 printable ASCII characters is required.');
  }
  return key;
}
