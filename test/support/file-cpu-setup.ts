/**
 * Setup of every project when ANXIN_TEST_CPU names a file (vitest.config.ts adds it only
 * then): appends one line per test file with the CPU it cost (file-cpu.ts), measured from
 * before the file is imported to its last afterAll. Linux only (/proc).
 *
 *   ANXIN_TEST_CPU=/tmp/test-cpu.jsonl npm test
 *   npx tsx scripts/test-cpu-report.ts /tmp/test-cpu.jsonl
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { afterAll, expect } from 'vitest';
import { dynamodbLocalCpu, dynamodbLocalCpuSince, processAndChildrenCpuSeconds, threadCpuSeconds, type FileCpu } from './file-cpu';

const reportFile = process.env.ANXIN_TEST_CPU;
if (reportFile) {
  // A threads-pool file shares its process with the other thread's files: only its own thread counts.
  const ownCpu = isMainThread ? processAndChildrenCpuSeconds : threadCpuSeconds;
  const cpu0 = ownCpu();
  const jvm0 = dynamodbLocalCpu();
  const started = Date.now();
  afterAll(() => {
    const file = relative(process.cwd(), expect.getState().testPath ?? '?');
    const line: FileCpu = {
      file,
      // Each project is one folder of test/ (vitest.config.ts).
      project: file.split('/')[1] ?? '?',
      cpu: round(ownCpu() - cpu0),
      dynamodbLocal: round(dynamodbLocalCpuSince(jvm0, dynamodbLocalCpu())),
      wall: round((Date.now() - started) / 1000),
    };
    appendFileSync(reportFile, `${JSON.stringify(line)}\n`);
  });
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
