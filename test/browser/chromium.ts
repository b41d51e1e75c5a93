import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium, which scripts/ensure-test-services.sh installs. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium; a clear error, not a skip, when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `the browser test needs Chromium at ${CHROMIUM}: run scripts/ensure-test-services.sh as root, or apt-get install chromium`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/** Where screenshots go: test artifacts, kept out of git. */
export const SCREENSHOTS = new URL('../../test-results/browser/', import.meta.url).pathname;

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

/** A screenshot of one part of a page (a chart, say). */
export async function screenshotOf(locator: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}
