/**
 * Lambda's Node.js rule for the Handler setting, e.g. "index.handler" or
 * "dist/app.handlers.create": the part after the last "/" splits at its first "." into
 * the module ("dist/app") and a property path ("handlers.create"); the module is the
 * first of <module>.js, .mjs, .cjs that exists under the task root.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorTypes } from './types';

/** An error that carries the Lambda errorType the runtime reports for it. */
export class RuntimeError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

export interface HandlerRef {
  /** Module path relative to the task root, without extension, e.g. "index". */
  module: string;
  /** Property path inside the module, e.g. ["handler"]. */
  exportPath: string[];
}

export function parseHandler(handler: string): HandlerRef {
  const slash = handler.lastIndexOf('/');
  const dir = handler.slice(0, slash + 1);
  const match = /^([^.]*)\.(.*)$/.exec(handler.slice(slash + 1));
  if (!match || !match[1] || !match[2]) throw new RuntimeError(ErrorTypes.malformedHandler, 'Bad handler');
  return { module: dir + match[1], exportPath: match[2].split('.') };
}

// Lambda's order; an extensionless file would be required as CommonJS, which no bundle we build produces.
const EXTENSIONS = ['.js', '.mjs', '.cjs'];

export function resolveHandlerFile(taskRoot: string, module: string): string {
  for (const ext of EXTENSIONS) {
    const file = join(taskRoot, module + ext);
    if (existsSync(file)) return file;
  }
  throw new RuntimeError(ErrorTypes.importModule, `Error: Cannot find module '${module}'`);
}

/** Walks the property path; CommonJS modules imported with import() sit under `default`. */
export type HandlerFn = (event: unknown, context: unknown, callback: (error?: unknown, result?: unknown) => void) => unknown;

export function findHandler(mod: Record<string, unknown>, ref: HandlerRef, handler: string): HandlerFn {
  const walk = (root: unknown): unknown =>
    ref.exportPath.reduce<unknown>((obj, key) => (obj == null ? undefined : (obj as Record<string, unknown>)[key]), root);
  const fn = walk(mod) ?? walk(mod.default);
  if (fn === undefined) throw new RuntimeError(ErrorTypes.handlerNotFound, `${handler} is undefined or not exported`);
  if (typeof fn !== 'function') throw new RuntimeError(ErrorTypes.handlerNotFound, `${handler} is not a function`);
  return fn as HandlerFn;
}
