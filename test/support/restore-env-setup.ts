/**
 * Setup of every project whose files share one worker (unit, infra and integration threads,
 * e2e forks): each file starts with the environment the worker started with. Integration files point
 * process.env at their own tables, queues and keys before importing handlers; without this,
 * what one file set would still be set for the next file of the same thread.
 */
const holder = globalThis as { anxinWorkerEnv?: Record<string, string | undefined> };
// The first file of a worker records the environment the worker started with.
holder.anxinWorkerEnv ??= { ...process.env };
const start = holder.anxinWorkerEnv;
for (const key of Object.keys(process.env)) if (!(key in start)) delete process.env[key];
Object.assign(process.env, start);
