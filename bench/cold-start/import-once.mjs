// Imports one bundle in this fresh process and prints how long the import took (module
// evaluation included: SDK clients constructed at module level are part of the cold start).
// Node's own start-up is the same for every bundle and is left out.
import { pathToFileURL } from 'node:url';

const started = performance.now();
await import(pathToFileURL(process.argv[2]).href);
process.stdout.write(`${JSON.stringify({ importMs: performance.now() - started })}\n`);
