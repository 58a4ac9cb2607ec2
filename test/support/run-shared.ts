/**
 * One resource for several projects' global setups, which all run in vitest's main process
 * (the run's DynamoDB Local, the synthesized app): the first setup that asks starts it, the
 * others share it, and the last teardown stops it. Kept on globalThis, as vitest may load a
 * setup file anew for each project that lists it.
 */
interface Entry<T> {
  readonly value: Promise<T>;
  users: number;
}

const entries = ((globalThis as { __anxinRunShared?: Map<string, Entry<unknown>> }).__anxinRunShared ??= new Map());

export async function acquireRunShared<T>(
  name: string,
  start: () => Promise<T>,
  stop: (value: T) => void | Promise<void>,
): Promise<{ value: T; release: () => Promise<void> }> {
  let entry = entries.get(name) as Entry<T> | undefined;
  if (!entry) entries.set(name, (entry = { value: start(), users: 0 }));
  entry.users += 1;
  const shared = entry;
  const value = await shared.value;
  return {
    value,
    release: async () => {
      shared.users -= 1;
      if (shared.users > 0) return;
      entries.delete(name);
      await stop(value);
    },
  };
}
