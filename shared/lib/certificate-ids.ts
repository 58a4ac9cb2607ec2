/**
 * Certificate numbers and QR tokens.
 *
 * - The number (`AX-` + 10 Crockford base32 characters, 50 random bits) is printed on the
 *   card and shown publicly; it names the certificate but opens nothing. Random rather
 *   than sequential, so numbers reveal neither how many workers are certified nor when.
 *   Uniqueness is enforced by a conditional write, not by luck.
 * - The QR token (22 base64url characters, 128 random bits) is what the code on the card
 *   carries. Unguessable, so the public lookup cannot be walked; opaque, so it says
 *   nothing about the worker; replaced on rotation or reissue, the number staying.
 */
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const CERT_NO_PATTERN = /^AX-[0-9A-HJKMNP-TV-Z]{10}$/;
export const QR_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** Worker ids as order commands accept them (schemas/order-commands.ts: 1–64 of `A-Za-z0-9._:-`). */
export const WORKER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export function newCertificateNo(): string {
  const bytes = randomBytes(10);
  return `AX-${Array.from(bytes, (b) => CROCKFORD[b & 31]).join('')}`;
}

export const newQrToken = (): string => randomBytes(16).toString('base64url');
