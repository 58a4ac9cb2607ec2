/** Writes docs/openapi.json from the zod schemas (a test fails when it is stale). */
import { writeFileSync } from 'node:fs';
import { renderOpenApi } from '../shared/schemas/openapi';

writeFileSync(new URL('../docs/openapi.json', import.meta.url), renderOpenApi());
console.log('docs/openapi.json written');
