/**
 * The production task pane in chromium, over the Excel stand-in loaded with the shared fixtures.
 * The harness page is dist/taskpane.html with office.js replaced by the stand-in (see harness/).
 */
import { promises as fs, readFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import type { Browser, Locator, Page } from 'playwright-core';
import { loadFixture } from '../office/load-fixture';
import { launchChromium } from './harness/browser';
import { buildStandIn, buildTaskPane } from './harness/build';
import { OFFICE_JS_TAG, startServer, type HarnessServer } from './harness/server';
import type { HarnessWindow } from './harness/standin-entry';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const PANE_WIDTH = 320;
const BUNDLE_LIMIT_GZIP = 400 * 1024;

interface Truth {
  sheet: string;
  cell: string;
  category: string;
  entered: string;
  expected: string;
}

function keyOf(fixture: string): { tables: { truth: Truth[]; cells: Record<string, string> }[] } {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${fixture}.key.json`), 'utf8'));
}

function truthOf(fixture: string): Truth[] {
  return keyOf(fixture).tables.flatMap((t) => t.truth);
}

let work: string;
let dist: string;
let server: HarnessServer;
let browser: Browser;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'taskpane-e2e-'));
  dist = path.join(work, 'dist');
  const harnessDir = path.join(work, 'harness');
  await Promise.all([buildTaskPane(dist), buildStandIn(harnessDir)]);
  server = await startServer(dist, harnessDir, async (fixture) => {
    const workbook = await loadFixture(path.join(FIXTURES, `${fixture}.xlsx`));
    return `window.__HARNESS_WORKBOOK__ = ${JSON.stringify(workbook)};`;
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

interface Pane {
  page: Page;
  /** Console errors, page errors, CSP violations and requests leaving the harness origin. */
  problems: string[];
}

async function openPane(fixture: string, displayLanguage = 'zh-CN'): Promise<Pane> {
  const page = await browser.newPage({ viewport: { width: PANE_WIDTH, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(server.origin)) return route.continue();
    problems.push(`request left the harness: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(`${server.origin}/taskpane.html?fixture=${encodeURIComponent(fixture)}&lang=${displayLanguage}`);
  return { page, problems };
}

/** Runs 核分 and waits for the findings list. */
async function check(page: Page, button = '核分'): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator('#findings-title').waitFor();
  await page.getByRole('button', { name: button, exact: true }).and(page.locator(':enabled')).waitFor();
}

function findingButtons(page: Page): Locator {
  return page.locator('ul[aria-labelledby="findings-title"] > li > button');
}

/** The findings list as (place, severity word) pairs, from the items' accessible names. */
async function listedFindings(page: Page): Promise<{ place: string; severity: string }[]> {
  const labels = await findingButtons(page).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((label) => {
    const m = /^(.+?)[，,] ?(.+?)[：:]/.exec(label);
    if (!m) throw new Error(`unexpected finding label: ${label}`);
    return { place: m[1], severity: m[2] };
  });
}

function finding(page: Page, place: string): Locator {
  return findingButtons(page).and(page.locator(`[aria-label^="${place}，"]`));
}

/** Retries `read` until its result equals `expected` (the pane works asynchronously). */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actual = await read();
    try {
      expect(actual).toEqual(expected);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

// Functions given to page.evaluate run in the page; they may only use their own arguments.
const selection = (page: Page) => page.evaluate(() => (window as unknown as HarnessWindow).__standIn.state.selection());
const snapshot = (page: Page) => page.evaluate(() => (window as unknown as HarnessWindow).__standIn.state.snapshot() as { sheets: unknown[] });
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Conditional formats are re-created by each re-check; their ids are not part of the state. */
const withoutIds = (value: unknown) => JSON.parse(JSON.stringify(value), (key, v) => (key === 'id' ? undefined : v));
const cellOf = (page: Page, sheet: string, cell: string) =>
  page.evaluate(([s, c]) => (window as unknown as HarnessWindow).__standIn.state.cell(s, c), [sheet, cell]);

describe('task pane in chromium over the Excel stand-in', () => {
  test('the production build is small, loads office.js the standard way and forbids eval', async () => {
    const html = await fs.readFile(path.join(dist, 'taskpane.html'), 'utf8');
    expect(html).toMatch(OFFICE_JS_TAG);
    const csp = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');
    const scripts = (await fs.readdir(dist)).filter((f) => f.endsWith('.js'));
    const gzipped = (await Promise.all(scripts.map(async (f) => gzipSync(await fs.readFile(path.join(dist, f))).length))).reduce((a, b) => a + b, 0);
    console.log(`dist JS: ${scripts.join(', ')} — ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(BUNDLE_LIMIT_GZIP);
  });

  test('mut-shared-official: every truth error is listed; select, fill, undo, clear marks', async () => {
    const { page, problems } = await openPane('mut-shared-official');
    const truth = truthOf('mut-shared-official');
    const before = (await snapshot(page)).sheets;

    await check(page);
    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'taskpane-after-check.png'), animations: 'disabled' });
    const listed = await listedFindings(page);
    for (const t of truth) expect(listed).toContainEqual({ place: t.cell, severity: '错误' });

    // The pane fits 320 px: nothing wider than the viewport.
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The summary (collapsed for many tables) lists each table; its project selects the anchor.
    await page.getByRole('button', { name: '核分结果（21 张表）' }).click();
    await page.getByRole('button', { name: '"上海发布"办公室工作经费' }).click();
    await eventually(() => selection(page), { sheet: '汇总', address: 'A2' });
    // 计算过程 (trainers): every computed value of the table with its steps; its cell is selectable.
    await page.getByRole('button', { name: '计算过程' }).first().click();
    await page.getByText('执行率 = 全年执行数 ÷ 全年预算数 = 1,864,161.63 ÷ 2,382,800.00', { exact: false }).first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'taskpane-computation.png'), animations: 'disabled' });
    await page.getByRole('button', { name: /执行率（%）$/ }).first().click();
    await eventually(() => selection(page), { sheet: '汇总', address: keyOf('mut-shared-official').tables[0].cells['funds.rate'] });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: '收起计算过程' }).click();
    await page.getByRole('button', { name: '核分结果（21 张表）' }).click();

    // Click a finding: its cell is selected; 解释 shows the steps.
    const total = truth.find((t) => t.category === 'TOTAL') as Truth;
    await finding(page, total.cell).click();
    await eventually(() => selection(page), { sheet: total.sheet, address: total.cell });
    await page.getByRole('button', { name: '解释', exact: true }).click();
    await expect(page.locator('ol li').first().textContent()).resolves.toBeTruthy();
    await page.screenshot({ path: path.join(ARTIFACTS, 'taskpane-explain.png'), animations: 'disabled' });

    // 上一个 / 下一个 walk the list and select each cell.
    await page.getByRole('button', { name: '下一个' }).click();
    const next = listed[listed.findIndex((f) => f.place === total.cell) + 1];
    await eventually(async () => (await selection(page))?.address, next.place);

    // Fill one computed value (a rate: percent units under 执行率(%), a fraction under a % format), then undo.
    const rate = truth.find((t) => t.category === 'RATE') as Truth;
    const original = await cellOf(page, rate.sheet, rate.cell);
    await finding(page, rate.cell).click();
    await page.getByRole('button', { name: '填入计算值', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '填入', exact: true }).click();
    await page.getByText('已填入 1 个计算值。').waitFor();
    const scale = original.format.includes('%') ? 100 : 1;
    expect((await cellOf(page, rate.sheet, rate.cell)).value).toBeCloseTo(Number(rate.expected) / scale, 10);
    await page.getByRole('button', { name: '撤销填入' }).click();
    await page.getByText('已恢复 1 个单元格的原内容。').waitFor();
    expect(await cellOf(page, rate.sheet, rate.cell)).toEqual(original);

    // Fill every error, then undo: the workbook's values and formulas are as before.
    const beforeFill = await snapshot(page);
    await page.getByRole('button', { name: /^全部错误填入计算值/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '填入', exact: true }).click();
    await page.getByText(/^已填入 \d+ 个计算值。$/).waitFor();
    expect((await cellOf(page, total.sheet, total.cell)).value).toBeCloseTo(Number(total.expected), 10);
    await page.getByRole('button', { name: '撤销填入' }).click();
    await page.getByText(/^已恢复 \d+ 个单元格的原内容。$/).waitFor();
    expect(withoutIds(await snapshot(page))).toEqual(withoutIds(beforeFill));

    // 清除标记: every cell is as before the first check.
    await page.getByRole('button', { name: '清除标记' }).click();
    await page.getByText(/^已清除 \d+ 个单元格的标记。$/).waitFor();
    expect((await snapshot(page)).sheets).toEqual(before);

    expect(problems).toEqual([]);
    await page.close();
  });

  test('004-stacked-official, by keyboard: the truth error is listed among the stacked tables; typing the right value re-checks by itself', async () => {
    const { page, problems } = await openPane('004-stacked-official');
    // Keyboard only: Enter on 核分, then Enter on 下一个 selects the first finding's cell.
    await page.getByRole('button', { name: '核分', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#findings-title').waitFor();
    const listed = await listedFindings(page);
    await page.getByRole('button', { name: '下一个' }).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await selection(page))?.address, listed[0].place);
    for (const t of truthOf('004-stacked-official')) expect(listed).toContainEqual({ place: t.cell, severity: '错误' });

    // The clerk types the right score: without pressing 核分, the finding and its mark go.
    const [wrong] = truthOf('004-stacked-official');
    const markedCells = () => page.evaluate((s) => (window as unknown as HarnessWindow).__standIn.state.conditionalFormats(s).map((cf) => cf.address), wrong.sheet);
    expect(await markedCells()).toContain(wrong.cell);
    await page.evaluate(([s, c]) => (window as unknown as HarnessWindow).__standIn.userEdit(s, c, 18.33), [wrong.sheet, wrong.cell]);
    await eventually(async () => (await listedFindings(page)).some((f) => f.place === wrong.cell), false);
    const marked = await markedCells();
    expect(marked).not.toContain(wrong.cell);
    expect(marked.length).toBeGreaterThan(0);

    // 导出核分结果 and 插入示例表 add sheets and say which.
    await page.getByRole('button', { name: '导出核分结果' }).click();
    await page.getByText('核分结果已导出到工作表“核分结果”。').waitFor();
    await page.getByRole('button', { name: '插入示例表' }).click();
    await page.getByText(/^已插入示例工作表“示例自评表.*”。$/).waitFor();
    const sheets = await page.evaluate(() => (window as unknown as HarnessWindow).__standIn.state.sheetNames());
    expect(sheets).toEqual(expect.arrayContaining(['核分结果', expect.stringMatching(/^示例自评表/)]));
    expect(problems).toEqual([]);
    await page.close();
  });

  test('English when Office displays English', async () => {
    const { page, problems } = await openPane('mut-shared-official', 'en-US');
    await check(page, 'Check');
    const listed = await listedFindings(page);
    expect(listed.some((f) => f.severity === 'Error')).toBe(true);
    await page.getByRole('button', { name: 'Results (21 tables)' }).click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'taskpane-en.png'), animations: 'disabled' });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
