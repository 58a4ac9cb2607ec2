/** Debian's Chromium, which the browser tests drive with playwright-core; they are skipped without it. */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);
