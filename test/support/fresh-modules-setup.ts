/**
 * Setup of the integration project: each file imports the project's modules anew, as a
 * Lambda cold start would, while the modules of node_modules (the AWS SDK, zod, middy) stay
 * loaded in the worker thread from file to file.
 *
 * Why: handlers read their environment when imported (the table, the queues, the keys), as
 * Lambda wants, and each integration file sets its own before importing them. A process per
 * file gave each a fresh module cache but paid for importing node_modules again every
 * time: the project's files ran in 200 s of CPU in forks, 132 s in two threads this way
 * (measured alone, 2026-12-06). vi.resetModules() drops the project's modules, not what
 * vitest loads from node_modules natively.
 */
import { vi } from 'vitest';

vi.resetModules();
