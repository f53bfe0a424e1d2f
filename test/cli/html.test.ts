/** `--format html` as text: the CSP's hash is the page's style; English pages read as English. */
import { createHash } from 'crypto';
import * as path from 'path';
import { FIXTURES_DIR } from '../support/fixtures';
import { capture } from './support';

const page = async (lang: string) => (await capture(['check', path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), '--format', 'html', '--lang', lang])).out;

test("the Content-Security-Policy allows exactly the page's one style, nothing else", async () => {
  const html = await page('zh');
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  expect(styles).toHaveLength(1);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
  expect(csp).toBe(`default-src 'none'; style-src 'sha256-${createHash('sha256').update(styles[0]).digest('base64')}'; img-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'`);
  expect(html).not.toMatch(/<script|\sstyle=|\son\w+=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
});

test('English: English words and brackets', async () => {
  const html = await page('en');
  expect(html).toContain('<html lang="en">');
  expect(html).toContain('Profile truncate-rate (automatic, explains 18/18 budget rows');
  expect(html).toContain('INDICATOR_SCORE_MISMATCH</span><span class="value">entered 18.00 → expected <b>18.33</b>');
  expect(html).not.toMatch(/（(automatic|chosen|by office)/);
});
