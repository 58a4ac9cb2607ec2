/**
 * Sums up a test run's per-file CPU (ANXIN_TEST_CPU=<file> npm test; test/support/file-cpu.ts):
 * each project's total and the files that cost the most.
 *
 *   npx tsx scripts/test-cpu-report.ts /tmp/test-cpu.jsonl [how many files, default 25]
 *
 * A project's total is what its own workers spent; vitest's main process (transforms, the
 * global setups) and DynamoDB Local are not in it. The DynamoDB Local column is that JVM's CPU
 * while the file ran, shared with whatever ran beside it: a guide to which files keep it busy,
 * not a share of its total.
 */
import { readFileSync } from 'node:fs';
import type { FileCpu } from '../test/support/file-cpu';

const [reportFile, top = '25'] = process.argv.slice(2);
if (!reportFile) {
  console.error('usage: npx tsx scripts/test-cpu-report.ts <file written by ANXIN_TEST_CPU=<file> npm test> [how many files]');
  process.exit(2);
}
const lines = readFileSync(reportFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as FileCpu);

const byProject = new Map<string, { files: number; cpu: number }>();
for (const line of lines) {
  const sum = byProject.get(line.project) ?? { files: 0, cpu: 0 };
  sum.files += 1;
  sum.cpu += line.cpu;
  byProject.set(line.project, sum);
}

const seconds = (n: number, width: number) => n.toFixed(1).padStart(width);
console.log(`${lines.length} test files\n`);
console.log('project       files   CPU-s');
for (const [project, sum] of [...byProject].sort((a, b) => b[1].cpu - a[1].cpu)) {
  console.log(`${project.padEnd(12)} ${String(sum.files).padStart(6)} ${seconds(sum.cpu, 7)}`);
}
console.log(`\nthe ${top} costliest files\n`);
console.log('  CPU-s  DynamoDB Local  wall s  file');
for (const line of [...lines].sort((a, b) => b.cpu - a.cpu).slice(0, Number(top))) {
  console.log(`${seconds(line.cpu, 7)} ${seconds(line.dynamodbLocal, 15)} ${seconds(line.wall, 7)}  ${line.file}`);
}
