/**
 * The certificate facts an order assignment needs (domain/certificate/assignment.ts): the
 * worker's light at the moment the command was accepted, recomputed from the certificate's
 * snapshot (not the stored light, which the daily job may not have refreshed yet), and the
 * settings from the consumer's environment.
 */
import { assignmentPolicyFromEnv, type AssignmentLight, type AssignmentPolicy } from '../domain/certificate/assignment';
import { trafficLight } from '../domain/certificate/light';
import type { StoreContext } from '../store/client';
import { certificatesRepository } from '../store/certificates-repository';

export async function assignmentLight(store: StoreContext, workerId: string, at: Date): Promise<AssignmentLight> {
  const cert = await certificatesRepository(store).getByWorker(workerId, true);
  return cert ? trafficLight(cert.checks, cert, at).light : 'none';
}

/** Read per call (not at import), so a test or a redeployment with new settings is honoured. */
export const assignmentPolicy = (): AssignmentPolicy => assignmentPolicyFromEnv(process.env);
