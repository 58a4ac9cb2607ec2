import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogLines } from '../../local/lambda/log-lines';

const MARKER = '\u0000marker:';

function stream() {
  const input = new PassThrough();
  const printed: string[] = [];
  const lines = new LogLines(input, MARKER, (line) => printed.push(line));
  return { input, printed, lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('LogLines', () => {
  it('prints lines as they come until a marker, then holds the next ones until release()', async () => {
    const { input, printed, lines } = stream();
    input.write('during 1\n');
    input.write(`${MARKER}req-1\n`);
    // A timer of invocation 1 prints after its marker, while the other stream's marker is
    // still on its way: the host has not logged REPORT 1 yet, so the line must wait.
    input.write('later 1\n');
    await lines.waitFor('req-1', 1_000);
    await flush();
    expect(printed).toEqual(['during 1']);
    lines.release();
    expect(printed).toEqual(['during 1', 'later 1']);
    input.write('during 2\n');
    await flush();
    expect(printed).toEqual(['during 1', 'later 1', 'during 2']);
  });

  it('prints what an unterminated write left before a marker, and what is held when the stream ends', async () => {
    const { input, printed, lines } = stream();
    input.write(`no newline${MARKER}req-1\n`);
    input.write('after\n');
    await lines.waitFor('req-1', 1_000);
    await flush();
    expect(printed).toEqual(['no newline']);
    input.end();
    await lines.closed;
    expect(printed).toEqual(['no newline', 'after']);
  });

  it("holds nothing after a marker of an invocation already reported (the runtime's late marker before a timer's line)", async () => {
    const { input, printed, lines } = stream();
    input.write('during 1\n');
    // The host logged REPORT 1 (nothing was awaited on this stream) and invocation 2 started.
    lines.release('req-1');
    lines.release();
    // A timer of invocation 1 prints now: the runtime writes the marker it owed first.
    input.write(`${MARKER}req-1\n`);
    input.write('later 1\n');
    await flush();
    expect(printed).toEqual(['during 1', 'later 1']);
  });

  it('still holds the lines after a late marker that arrives before its REPORT, until release', async () => {
    const { input, printed, lines } = stream();
    input.write(`${MARKER}req-1\n`);
    input.write('later 1\n');
    await flush();
    expect(printed).toEqual([]);
    lines.release('req-1');
    expect(printed).toEqual(['later 1']);
  });
});
