/** What every action gets: the keys, and a clock. */
import { KmsError } from './errors';
import type { Keyring } from './keyring';

export interface KmsContext {
  readonly keyring: Keyring;
  readonly accountId: string;
  now(): number;
}

/**
 * DryRun (Encrypt, Decrypt, GenerateDataKey, GenerateMac, VerifyMac): after every check a
 * real call would make, AWS answers DryRunOperationException instead of doing the work.
 */
export function dryRunStop(dryRun: boolean): void {
  if (dryRun) throw new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
}
