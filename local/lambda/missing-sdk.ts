/**
 * A function that leaves an AWS SDK client to the runtime and imports one the local platform
 * does not have (runtime-sdk.ts links only the SDK packages installed in the app's folder or
 * in Anxin, where Lambda's runtime ships them all) would fail with Node's bare "Cannot find
 * module", which reads like a broken bundle. This says what is missing and what to do. Runs
 * in the worker runtime, so it imports nothing.
 */

/** Where the platform looked for the SDK packages, as runtime-sdk.ts laid them out. */
export interface RuntimeSdkHint {
  /** Another app's folder (`--app-dir`); absent when the platform runs Anxin. */
  appDir?: string;
  /** `@aws-sdk/client-*` packages found from the app's folder (without the scope). */
  appClients: string[];
  /** …and in Anxin's own node_modules. */
  anxinClients: string[];
}

const MISSING = /Cannot find (?:module|package) '(@aws-sdk\/client-[^/']+)/;

/** The plain message for a missing `@aws-sdk/client-*`, or undefined for any other error. */
export function explainMissingSdk(error: unknown, hint: RuntimeSdkHint | undefined): string | undefined {
  if (!hint) return undefined;
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const client = MISSING.exec((error as Error).message)?.[1];
  if (!client) return undefined;
  const list = (clients: string[]) => (clients.length > 0 ? clients.join(', ') : 'none');
  const where =
    hint.appDir === undefined
      ? `in Anxin (${list(hint.anxinClients)}); bundle it into the function or install it in Anxin (npm i -D ${client})`
      : `in ${hint.appDir} or a folder above it (${list(hint.appClients)}) or in Anxin (${list(hint.anxinClients)}); install it in the app (npm i -D ${client})`;
  return `Cannot find package '${client}': Lambda's Node.js runtime includes it, the local platform only has the AWS SDK packages installed ${where}`;
}
