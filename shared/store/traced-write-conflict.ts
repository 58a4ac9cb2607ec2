/**
 * The write path's one conflict, in a module of its own: the HTTP layer maps it to 409/503
 * for every route, and importing it from traced-write.ts would put the DynamoDB client into
 * functions that never touch the table (the $default route's 404, for one).
 */

/**
 * Which part of a traced write refused: `record` (changed or created meanwhile), `event`
 * (the command was settled already), `side` (a side item's guard; `sideIndex` says which),
 * `busy` (another transaction held the same items).
 */
export type ConflictPart = 'record' | 'event' | 'side' | 'busy';

/** The one conflict of the write path; thrown out of `writeTraced` once the retries are spent. */
export class TracedWriteConflict extends Error {
  constructor(
    readonly part: ConflictPart,
    readonly sideIndex?: number,
  ) {
    super(`traced write refused (${part}${sideIndex === undefined ? '' : ` ${sideIndex}`})`);
    this.name = 'TracedWriteConflict';
  }
}
