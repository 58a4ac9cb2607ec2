/**
 * One record of a FIFO command queue (orders, claims, training), as each of their consumers
 * handles it: `run` applies the command and answers its outcome, which is logged with the
 * command's ids; a failure is logged with the same ids and the error's name (the batch
 * response names only the message id), then thrown so that the batch reports the record
 * and the rest of its message group failed. Ids and outcomes only: a command's payload is
 * about people and never goes to the log.
 */
import { logger } from './logger';

export async function handleCommandRecord(what: string, ids: Record<string, string>, run: () => Promise<string>): Promise<void> {
  let outcome: string;
  try {
    outcome = await run();
  } catch (error) {
    logger.warn(`${what} failed`, { ...ids, error: error instanceof Error ? error.name : typeof error });
    throw error;
  }
  logger.info(what, { ...ids, outcome });
}
