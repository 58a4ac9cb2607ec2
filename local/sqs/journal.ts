/**
 * Durability: a write-ahead journal plus snapshots, in `dataDir`.
 *
 *   snapshot.json            { format, generation, savedAt, state }   (atomic: tmp + fsync + rename)
 *   journal-<generation>.jsonl   one line per acknowledged request: the JSON array of its Ops
 *   LOCK                     pid of the process that owns the directory
 *
 * A request's ops are appended with fs.appendFileSync BEFORE the request is answered (and
 * before they are applied in memory), as ONE line, so a request is either wholly in the
 * journal or not at all. A `kill -9` therefore never loses an acknowledged SendMessage nor
 * resurrects an acknowledged DeleteMessage: once write(2) returned, the bytes are in the
 * kernel's page cache and survive the process. (They do not survive a power cut: there is
 * no fsync per request, which would cost milliseconds each; for a local platform process
 * crashes are what matters.) Only the last line can be torn by a crash; it belongs to a
 * request that was never answered and is ignored.
 *
 * Compaction writes the whole state as snapshot generation g+1 (to a temporary file),
 * creates journal-(g+1), renames the snapshot into place (the commit point) and deletes
 * journal-g. Replay reads snapshot g and then only journal-g, so a crash or an I/O error
 * at any point of a compaction neither loses nor double-applies anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from '../stale-process';
import { SqsState, type StateSnapshot } from './state';
import type { Op } from './types';

const SNAPSHOT = 'snapshot.json';
const LOCK = 'LOCK';
const journalName = (generation: number) => `journal-${generation}.jsonl`;

interface SnapshotFile {
  format: 1;
  generation: number;
  savedAt: string;
  state: StateSnapshot;
}

/** Directories held by servers in this process (the LOCK file only guards against other processes). */
const heldInProcess = new Set<string>();

export class Journal {
  private fd: number;
  private generation: number;
  private bytesSinceCompaction = 0;

  private constructor(
    private readonly dir: string,
    generation: number,
    private readonly log: (line: string) => void,
  ) {
    this.generation = generation;
    this.fd = fs.openSync(path.join(dir, journalName(generation)), 'a');
  }

  /** Takes the directory, restores the state it holds, and compacts it into a fresh snapshot. */
  static open(dataDir: string, log: (line: string) => void): { journal: Journal; state: SqsState } {
    const dir = path.resolve(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    lock(dir);
    try {
      const { state, generation, replayed } = load(dir, log);
      const journal = new Journal(dir, generation, log);
      journal.compact(state);
      log(`sqs: restored ${state.queues.size} queue(s) from ${dir} (${replayed} journal record(s) replayed)`);
      return { journal, state };
    } catch (err) {
      unlock(dir);
      throw err;
    }
  }

  get pendingBytes(): number {
    return this.bytesSinceCompaction;
  }

  append(ops: Op[]): void {
    if (ops.length === 0) return;
    const line = JSON.stringify(ops) + '\n';
    fs.appendFileSync(this.fd, line);
    this.bytesSinceCompaction += Buffer.byteLength(line);
  }

  compact(state: SqsState): void {
    const next = this.generation + 1;
    const file: SnapshotFile = {
      format: 1,
      generation: next,
      savedAt: new Date().toISOString(),
      state: state.toSnapshot(),
    };
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(file));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // Open the next journal before the snapshot takes effect, so that a failure here
    // leaves the old generation (snapshot + journal) fully in charge.
    const nextPath = path.join(this.dir, journalName(next));
    const nextFd = fs.openSync(nextPath, 'w');
    try {
      fs.renameSync(tmp, path.join(this.dir, SNAPSHOT)); // the commit point
    } catch (err) {
      fs.closeSync(nextFd);
      fs.rmSync(nextPath, { force: true });
      throw err;
    }
    fsyncDir(this.dir);
    const old = { fd: this.fd, generation: this.generation };
    this.fd = nextFd;
    this.generation = next;
    this.bytesSinceCompaction = 0;
    fs.closeSync(old.fd);
    fs.rmSync(path.join(this.dir, journalName(old.generation)), { force: true });
    this.log(`sqs: compacted journal into snapshot generation ${next}`);
  }

  close(): void {
    fs.closeSync(this.fd);
    unlock(this.dir);
  }
}

function load(dir: string, log: (line: string) => void): { state: SqsState; generation: number; replayed: number } {
  let state = new SqsState();
  let generation = 0;
  const snapshotPath = path.join(dir, SNAPSHOT);
  if (fs.existsSync(snapshotPath)) {
    const file = JSON.parse(fs.readFileSync(snapshotPath, 'utf8')) as SnapshotFile;
    if (file.format !== 1) throw new Error(`sqs: unsupported snapshot format in ${snapshotPath}`);
    state = SqsState.fromSnapshot(file.state);
    generation = file.generation;
  }
  // Journals of older generations are leftovers of an interrupted compaction.
  for (const name of fs.readdirSync(dir)) {
    const m = /^journal-(\d+)\.jsonl$/.exec(name);
    if (m && Number(m[1]) !== generation) fs.rmSync(path.join(dir, name), { force: true });
  }
  let replayed = 0;
  const journalPath = path.join(dir, journalName(generation));
  if (fs.existsSync(journalPath)) {
    const lines = fs.readFileSync(journalPath, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line === '') return;
      let ops: Op[];
      try {
        ops = JSON.parse(line) as Op[];
      } catch {
        const isLast = lines.slice(i + 1).every((l) => l === '');
        if (isLast) {
          log(`sqs: ignoring torn last journal record (a request that was never acknowledged)`);
          return;
        }
        throw new Error(`sqs: journal ${journalPath} is corrupt at line ${i + 1}`);
      }
      for (const op of ops) state.apply(op);
      replayed += 1;
    });
  }
  return { state, generation, replayed };
}

function lock(dir: string): void {
  if (heldInProcess.has(dir)) throw new Error(`sqs: data directory ${dir} is already in use by this process`);
  const lockPath = path.join(dir, LOCK);
  if (fs.existsSync(lockPath)) {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(`sqs: data directory ${dir} is in use by process ${pid} (if that is not an SQS endpoint, delete ${lockPath})`);
    }
  }
  fs.writeFileSync(lockPath, String(process.pid));
  heldInProcess.add(dir);
}

function unlock(dir: string): void {
  heldInProcess.delete(dir);
  fs.rmSync(path.join(dir, LOCK), { force: true });
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported on every platform; the rename itself is still atomic.
  }
}
