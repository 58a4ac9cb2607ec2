/** Writes docs/events (JSON Schema + example per order CloudEvent type, and an index) from shared/events; a test fails when it is stale. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { renderEventDocs } from '../shared/events/event-docs';

const dir = new URL('../docs/events/', import.meta.url);
mkdirSync(dir, { recursive: true });
const files = renderEventDocs();
// Files of types that no longer exist go too: the directory is exactly what the schemas say.
for (const name of readdirSync(dir)) if (!files.has(name)) rmSync(new URL(name, dir));
for (const [name, content] of files) writeFileSync(new URL(name, dir), content);
console.log(`docs/events: ${files.size} files written`);
