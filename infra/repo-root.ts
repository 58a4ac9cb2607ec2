/**
 * The repository root: function entries, the bundle cache and cdk.json are relative to it.
 * A module of its own so that code which only needs the path (the synthesis fingerprint,
 * the local platform's start) does not load aws-cdk-lib.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
