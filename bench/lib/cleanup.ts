/**
 * Everything the bench starts (platforms, proxies, temp dirs) registers how to undo it
 * here, so a normal end, an error or Ctrl-C all leave no JVM, port or directory behind.
 */
type Cleanup = () => Promise<void> | void;

const cleanups: { what: string; run: Cleanup }[] = [];
let installed = false;

export function onCleanup(what: string, run: Cleanup): () => Promise<void> {
  install();
  const entry = { what, run };
  cleanups.push(entry);
  // Undo early (e.g. a platform stopped between phases) and forget it.
  return async () => {
    const at = cleanups.indexOf(entry);
    if (at >= 0) cleanups.splice(at, 1);
    await run();
  };
}

export async function cleanupAll(): Promise<void> {
  for (const entry of cleanups.splice(0).reverse()) {
    try {
      await entry.run();
    } catch (error) {
      process.stderr.write(`  cleanup of ${entry.what} failed: ${(error as Error).message}\n`);
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the bench and cleaning up…\n`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}
