/** Debian's Chromium, which the browser tests drive with playwright-core; they are skipped without it. */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

/**
 * How the browser tests save a page for a person to look at: the whole page, one image pixel
 * per CSS pixel. Encoding the device-scale image instead (3x on the phone viewport) cost
 * ~1.6 CPU-s per page on a 2-core machine (measured 2026-12-07), for detail no test reads.
 */
export const PAGE_SCREENSHOT = { fullPage: true, scale: 'css' } as const;
