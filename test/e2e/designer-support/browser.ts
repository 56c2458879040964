/**
 * Debian's Chromium through playwright-core. Under CI=true a missing browser fails the run; locally the browser
 * suites skip loudly (a skipped browser test proves nothing, so CI must not skip it).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.GONGZHI_CHROMIUM ?? '/usr/bin/chromium';

export function browserAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${suite}: Chromium is required under CI=true but ${CHROMIUM} is missing`);
  console.warn(`\n!!! ${suite} SKIPPED: no Chromium at ${CHROMIUM} (install Debian's chromium package)\n`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
