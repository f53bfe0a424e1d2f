/**
 * Debian's chromium for playwright-core. Installs it (and a CJK font, for the screenshots) with
 * apt when missing — the test machines run as root — and fails loudly when that is impossible:
 * the e2e tests never skip.
 */
import { execSync } from 'child_process';
import { existsSync } from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { aptInstall } from '../../support/apt';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function findChromium(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

function hasCjkFont(): boolean {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

export function chromiumPath(): string {
  const missing = [...(findChromium() ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length > 0) {
    try {
      aptInstall(missing);
    } catch (error) {
      throw new Error(`the e2e tests need ${missing.join(' and ')}, and "apt-get install" failed: ${String(error)}`);
    }
  }
  const found = findChromium();
  if (!found) throw new Error(`chromium not found at ${CANDIDATES.join(' or ')} even after apt-get install`);
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * What goes wrong in `page`, as lines: console errors and warnings, page errors, and requests
 * leaving `origin` (aborted). A request still in flight when its page closes cannot be
 * continued; that is not a failure of the pane (left unhandled, it rejected outside any test
 * once the browser shut down).
 */
export async function watchProblems(page: Page, origin: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    const inside = url.startsWith(origin);
    if (!inside) problems.push(`request left the harness: ${url}`);
    return (inside ? route.continue() : route.abort()).catch((error: unknown) => {
      if (!page.isClosed()) throw error;
    });
  });
  return problems;
}
