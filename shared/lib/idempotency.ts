/** The Idempotency-Key header every POST command route requires (8–128 printable ASCII). */
import { header, type HttpEvent } from './http';
import { problems } from './problem';

/**
 * A plain pattern, not a zod schema: every command function checks this header, and a
 * schema here made each of them build zod's string checks at cold start for one regex.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

export function requiredIdempotencyKey(event: HttpEvent): string {
  const key = header(event, 'idempotency-key');
  if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw problems.malformedRequest('An Idempotency-Key header of 8 to 128 printable ASCII characters is required.');
  }
  return key;
}
