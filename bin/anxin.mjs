#!/usr/bin/env node
// `npx anxin …` — the admin and local-platform CLI. Runs the TypeScript sources through tsx,
// so there is no separate build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
