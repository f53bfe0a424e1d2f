/**
 * The pane's start-up in chromium: from navigation start to the 核分 button being enabled
 * (office.js — here the stand-in — loaded, Office.onReady, React's first render). A mutation
 * observer installed before any page script notes the moment; `performance.now()` counts from
 * the navigation's start. Used by the e2e tests (printed) and `npm run bench`.
 */
import type { Browser } from 'playwright-core';

const READY_SCRIPT = `
window.__paneReadyAt = null;
new MutationObserver((_, observer) => {
  const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === '核分' && !b.disabled);
  if (button) { window.__paneReadyAt = performance.now(); observer.disconnect(); }
}).observe(document, { subtree: true, childList: true, attributes: true });
`;

export interface StartupTimes {
  runs: number[];
  medianMs: number;
}

/** Opens `url` `runs` times in fresh pages (cache disabled by the harness server) and times each start-up. */
export async function measureStartup(browser: Browser, url: string, runs: number): Promise<StartupTimes> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    await page.addInitScript(READY_SCRIPT);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __paneReadyAt: number | null }).__paneReadyAt !== null);
    times.push(await page.evaluate(() => (window as unknown as { __paneReadyAt: number }).__paneReadyAt));
    await page.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { runs: times, medianMs: sorted[Math.floor(sorted.length / 2)] };
}
