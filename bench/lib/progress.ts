/**
 * A progress bar on stderr for long steps (seeding, posting thousands of orders). Plain
 * text: redrawn in place on a terminal, one line per 10% otherwise (CI logs stay short).
 */
const WIDTH = 28;

export interface Progress {
  tick(n?: number): void;
  done(note?: string): void;
}

export function progress(label: string, total: number): Progress {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let count = 0;
  let lastDecile = -1;
  let lastDraw = 0;
  const draw = (final = false) => {
    const fraction = total > 0 ? Math.min(1, count / total) : 1;
    const filled = Math.round(fraction * WIDTH);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(count / seconds) : 0;
    const line = `  ${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total} ${seconds.toFixed(0)} s ${rate}/s`;
    if (tty) process.stderr.write(`\r${line}${final ? '\n' : ''}`);
    else if ((final && lastDecile < 10) || Math.floor(fraction * 10) > lastDecile) {
      lastDecile = Math.floor(fraction * 10);
      process.stderr.write(`${line}\n`);
    }
  };
  return {
    tick(n = 1) {
      count += n;
      const now = Date.now();
      if (!tty || now - lastDraw > 100) {
        lastDraw = now;
        draw();
      }
    },
    done(note) {
      draw(true);
      if (note) process.stderr.write(`    ${note}\n`);
    },
  };
}

/** A one-line note on stderr, for steps too short for a bar. */
export const step = (text: string): void => void process.stderr.write(`• ${text}\n`);
