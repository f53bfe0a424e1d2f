/**
 * `selfeval check --format html` in chromium: the page is self-contained (no request but the
 * page itself, no script, its CSP lets its own style in and nothing else), shows every finding
 * with its steps and the two charts, and prints to PDF. Screenshot and PDF in test-artifacts/.
 */
import { promises as fs, mkdtempSync, rmSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import type { Browser } from 'playwright-core';
import type { CheckedFile, RunReport } from '../../src/engine/report';
import { capture, HOSTILE, hostileWorkbook } from '../cli/support';
import { launchChromium } from './harness/browser';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

let work: string;
let html: string;
let report: RunReport;
let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'report-e2e-'));
  const input = path.join(work, 'in');
  await fs.mkdir(input);
  for (const f of ['004-stacked-flat.xlsx', 'mut-shared-official.xlsx', '000-stacked-official.xlsx']) await fs.copyFile(path.join(FIXTURES, f), path.join(input, f));
  hostileWorkbook(path.join(input, 'hostile.xlsx'));
  await fs.writeFile(path.join(input, 'broken.xlsx'), 'no workbook');
  const out = path.join(work, 'report.html');
  const r = await capture(['check', input, '--format', 'html', '--out', out, '--jobs', '1']);
  expect(r.code).toBe(2);
  html = await fs.readFile(out, 'utf8');
  report = JSON.parse((await capture(['check', input, '--format', 'json', '--jobs', '1'])).out) as RunReport;
  server = createServer((req, res) => {
    if (req.url !== '/report.html') return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the HTML report in chromium: self-contained, every finding with its steps, charts, printable', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route('**/*', (route) => (route.request().url() === `${origin}/report.html` ? route.continue() : route.abort()));
  await page.goto(`${origin}/report.html`, { waitUntil: 'load' });

  // Nothing but the page itself was requested, nothing ran, nothing was refused.
  expect(requests).toEqual([`${origin}/report.html`]);
  expect(problems).toEqual([]);
  expect(await page.locator('script, link, img, iframe, object').count()).toBe(0);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
  // The inline style is the one the CSP allows: it applies.
  expect(await page.locator('.badge.error').first().evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(164, 38, 44)');

  // Hostile text from the workbook is shown as text.
  await expect(page.getByText(HOSTILE.department, { exact: false }).count()).resolves.toBeGreaterThan(0);
  expect(await page.locator('h3', { hasText: HOSTILE.project }).count()).toBe(1);

  // One section per file, one per table, every finding with each of its steps.
  const files = report.files;
  expect(await page.locator('section.file > h2').allTextContents()).toEqual(files.map((f) => f.file));
  const checked = files.filter((f): f is CheckedFile => !('error' in f));
  expect(await page.locator('section.table').count()).toBe(checked.reduce((n, f) => n + f.tables.length, 0));
  const all = checked.flatMap((f) => f.findings);
  const items = page.locator('ol.findings > li');
  expect(await items.count()).toBe(all.length);
  const shown = await items.evaluateAll((lis) =>
    lis.map((li) => ({ place: li.querySelector('.cell')?.textContent, code: li.querySelector('.code')?.textContent, steps: Array.from(li.querySelectorAll('ol.steps > li'), (s) => s.textContent) })),
  );
  const key = (x: { place?: string | null; code?: string | null }) => `${x.place} ${x.code}`;
  expect(shown.map(key).sort()).toEqual(all.map((f) => key({ place: `${f.sheet}!${f.cell}`, code: f.code })).sort());
  for (const f of all) expect(shown.find((s) => key(s) === `${f.sheet}!${f.cell} ${f.code}`)!.steps).toEqual(f.steps.map((s) => s.zh));
  await expect(page.getByText('不是 Excel 工作簿').count()).resolves.toBe(1);
  // The Chinese page says how many values the profile explains in Chinese (the JSON keeps its English `explains`).
  await expect(page.getByText('budget rows').count()).resolves.toBe(0);
  await expect(page.getByText(/解释预算执行行 \d+\/\d+，计算值 \d+\/\d+/).count()).resolves.toBeGreaterThan(0);

  // Totals, and a bar per (code, severity) in the first chart.
  const totals = await page.locator('ul.totals > li > b').allTextContents();
  const count = (s: string) => String(all.filter((f) => f.severity === s).length);
  expect(totals).toEqual([String(files.length), String(checked.reduce((n, f) => n + f.tables.length, 0)), count('error'), count('warning'), count('info'), '1']);
  const pairs = new Set(all.map((f) => `${f.code} ${f.severity}`));
  expect(await page.locator('figure').first().locator('svg rect').count()).toBe(pairs.size);
  const offices = new Set(await page.locator('figure').nth(1).locator('svg > text[text-anchor="end"] > title').allTextContents());
  expect(offices).toEqual(new Set(['上海市闵行区人民政府办公室(汇总)', '上海市人民政府办公厅', HOSTILE.department]));

  await fs.mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'report.png') });
  const pdf = await page.pdf({ path: path.join(ARTIFACTS, 'report.pdf'), format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(files.length); // each file starts a page
  await page.close();
});
