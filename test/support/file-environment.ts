/**
 * Setup file of the integration project: every test file starts from the environment its
 * worker started with. The project runs in vitest's vmForks pool (vitest.config.ts): each file
 * gets its own module graph (the handlers read their environment at import, and are imported
 * anew), but files share a process, and process.env with it, so the variables a file's
 * harness set (TABLE_NAME, queue URLs, endpoints) would otherwise still be set for the next.
 * vitest's own VITEST_* variables, which it sets per file, are left alone.
 */
const holder = process as unknown as { __anxinStartEnv?: Record<string, string | undefined> };
const start = (holder.__anxinStartEnv ??= { ...process.env });

for (const name of Object.keys(process.env)) {
  if (name.startsWith('VITEST')) continue;
  if (!(name in start)) delete process.env[name];
}
for (const [name, value] of Object.entries(start)) {
  if (name.startsWith('VITEST') || value === undefined) continue;
  if (process.env[name] !== value) process.env[name] = value;
}
