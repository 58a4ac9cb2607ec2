/**
 * Where the deployed certificate functions get a worker's facts: the worker registry
 * (services/worker-facts.ts). A worker the registry does not know has no facts (undefined),
 * and the daily job then works from the certificate's own snapshot of the checks — it
 * still expires certificates and turns lights yellow; only renewal needs fresh facts.
 */
import type { StoreContext } from '../store/client';
import type { FactsOf } from './certificates';
import { certificationFacts, UnknownWorkerError } from './worker-facts';

export const registryFactsOf =
  (store: StoreContext): FactsOf =>
  async (workerId) => {
    try {
      return await certificationFacts(store, workerId);
    } catch (error) {
      if (error instanceof UnknownWorkerError) return undefined;
      throw error;
    }
  };
