/**
 * Debian's chromium for playwright-core. Installs it (and a CJK font, for the screenshots) with
 * apt when missing — the test machines run as root — and fails loudly when that is impossible:
 * the e2e tests never skip.
 */
import { execSync } from 'child_process';
import { existsSync } from 'fs';
import { chromium, type Browser } from 'playwright-core';
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
