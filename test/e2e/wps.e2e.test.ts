/**
 * The WPS加载项 as built by webpack.wps.config.js (what `npm run build:wps` deploys): its
 * packaging (ribbon.xml and its callbacks, publish.xml, jsplugins.xml, oem.ini) and the
 * production pane in chromium over the ET stand-in loaded with the shared fixtures, with the
 * Excel pane's scenarios. Real WPS is not run here: everything host-side is the stand-in.
 */
import { promises as fs, readFileSync } from 'fs';
import os from 'os';
import path from 'path';
import vm from 'vm';
import type { Browser, Page } from 'playwright-core';
import { validateXML } from 'xmllint-wasm';
import { MARK_RULE } from '../../src/office/excel-adapter';
import { loadFixture } from '../office/load-fixture';
import { launchChromium, watchProblems } from './harness/browser';
import { eventually } from './harness/eventually';
import { buildStandIn, buildTaskPane } from './harness/build';
import { startServer, type HarnessServer } from './harness/server';
import type { WpsHarnessWindow } from './harness/wps-standin-entry';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deploymentFiles, NAME, TYPE } = require('../../scripts/build-wps.js') as {
  deploymentFiles(url: string): Record<string, string>;
  NAME: string;
  TYPE: string;
};

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const PANE_WIDTH = 320;

interface Truth {
  sheet: string;
  cell: string;
  category: string;
  expected: string;
}

const truthOf = (fixture: string): Truth[] =>
  (JSON.parse(readFileSync(path.join(FIXTURES, `${fixture}.key.json`), 'utf8')) as { tables: { truth: Truth[] }[] }).tables.flatMap((t) => t.truth);

let work: string;
let dist: string;
let server: HarnessServer;
let browser: Browser;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'wps-e2e-'));
  dist = path.join(work, 'dist');
  const harnessDir = path.join(work, 'harness');
  await Promise.all([buildTaskPane(dist, {}, 'webpack.wps.config.js'), buildStandIn(harnessDir, 'wps-standin-entry.ts')]);
  server = await startServer(dist, harnessDir, async (fixture) => `window.__HARNESS_WORKBOOK__ = ${JSON.stringify(loadFixture(path.join(FIXTURES, `${fixture}.xlsx`)))};`);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

/** The built taskpane.html with the stand-in loaded before the pane's script, as a page of its own. */
async function harnessPage(fixture: string, lang: string): Promise<string> {
  const html = await fs.readFile(path.join(dist, 'taskpane.html'), 'utf8');
  const tags = `<script src="/harness/workbook.js?fixture=${encodeURIComponent(fixture)}&lang=${lang}"></script><script src="/harness/wps-standin.js"></script>`;
  const name = `wps-${fixture}-${lang}.html`;
  await fs.writeFile(path.join(dist, name), html.replace('<script', `${tags}<script`));
  return name;
}

async function openPane(fixture: string, lang = 'zh-CN'): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: PANE_WIDTH, height: 900 } });
  const problems = await watchProblems(page, server.origin);
  await page.goto(`${server.origin}/${await harnessPage(fixture, lang)}`);
  return { page, problems };
}

async function check(page: Page): Promise<void> {
  await page.getByRole('button', { name: '核分', exact: true }).click();
  await page.locator('#findings-title').waitFor();
  await page.getByRole('button', { name: '核分', exact: true }).and(page.locator(':enabled')).waitFor();
}

async function listedPlaces(page: Page): Promise<string[]> {
  const labels = await page.locator('li[data-finding] > button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.map((l) => /^(.+?)[，,]/.exec(l)?.[1] ?? l);
}

const et = (page: Page) => ({
  snapshot: () => page.evaluate(() => (window as unknown as WpsHarnessWindow).__et.snapshot()),
  selection: () => page.evaluate(() => (window as unknown as WpsHarnessWindow).__et.selection),
  cell: (sheet: string, cell: string) => page.evaluate(([s, c]) => (window as unknown as WpsHarnessWindow).__et.cell(s, c), [sheet, cell]),
  marked: (sheet: string) =>
    page.evaluate(
      ([s, rule]) => (window as unknown as WpsHarnessWindow).__et.conditions(s).filter((c) => c.formula === rule).flatMap((c) => c.cells),
      [sheet, MARK_RULE],
    ),
});

describe('the WPS加载项 package', () => {
  test('ribbon.xml is well-formed and every callback it names is a function of the entry page; 核分 opens taskpane.html', async () => {
    const ribbon = await fs.readFile(path.join(dist, 'ribbon.xml'), 'utf8');
    expect((await validateXML({ xml: { fileName: 'ribbon.xml', contents: ribbon }, normalization: 'c14n' })).valid).toBe(true);
    const callbacks = [...new Set([...ribbon.matchAll(/\s(?:onLoad|onAction|getImage|getLabel|getEnabled|getVisible)="([^"]+)"/g)].map((m) => m[1]))];
    expect(callbacks.sort()).toEqual(['GetImage', 'OnAction', 'OnAddinLoad']);

    const index = await fs.readFile(path.join(dist, 'index.html'), 'utf8');
    const script = /<script[^>]*src="?([^" >]+\.js)"?/.exec(index)?.[1] as string;
    const created: string[] = [];
    const storage = new Map<string, unknown>();
    const pane = { ID: 7, Visible: false, DockPosition: 0, Width: 0 };
    const window: Record<string, unknown> = {
      location: { href: 'file:///home/u/.local/share/Kingsoft/wps/jsaddons/selfeval_0.1.0/index.html' },
      devicePixelRatio: 1,
      Application: {
        CreateTaskPane: (url: string) => (created.push(url), pane),
        GetTaskPane: (id: number) => (id === 7 ? pane : null),
        PluginStorage: { getItem: (k: string) => storage.get(k) ?? '', setItem: (k: string, v: unknown) => storage.set(k, v) },
        ShowDialog: (url: string) => created.push(url),
      },
    };
    vm.runInNewContext(await fs.readFile(path.join(dist, script), 'utf8'), { window, URL });
    for (const name of callbacks) expect(typeof window[name]).toBe('function');
    const onAction = window.OnAction as (c: { Id: string }) => boolean;
    onAction({ Id: 'selfevalShowPane' });
    expect(created).toEqual(['file:///home/u/.local/share/Kingsoft/wps/jsaddons/selfeval_0.1.0/taskpane.html']);
    expect(pane).toMatchObject({ Visible: true, DockPosition: 2, Width: 360 });
    onAction({ Id: 'selfevalShowPane' }); // the second click hides the same pane
    expect([created.length, pane.Visible]).toEqual([1, false]);
    onAction({ Id: 'selfevalHelp' });
    for (const id of ['selfevalShowPane', 'selfevalHelp']) {
      const image = (window.GetImage as (c: { Id: string }) => string)({ Id: id });
      await expect(fs.stat(path.join(dist, image))).resolves.toBeTruthy();
    }
    await expect(fs.stat(path.join(dist, new URL(created[1]).pathname.split('/selfeval_0.1.0/')[1]))).resolves.toBeTruthy();
  });

  test('publish.xml, jsplugins.xml and oem.ini name the add-in, its folder and the server', async () => {
    const url = 'http://wps.intranet.example/addins/selfeval_0.1.0/';
    const files = deploymentFiles(url);
    for (const file of ['publish.xml', 'jsplugins.xml']) {
      expect((await validateXML({ xml: { fileName: file, contents: files[file] }, normalization: 'c14n' })).valid).toBe(true);
    }
    const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(files['publish.xml']).toContain(`<jsplugin name="${NAME}" type="${TYPE}" url="${NAME}_${version}" version="${version}" enable="enable" install="null"/>`);
    expect(files['jsplugins.xml']).toContain(`<jspluginonline name="${NAME}" type="et" url="${url}"/>`);
    expect(files['oem.ini']).toMatch(/\[Support\]\nJsApiPlugin=true\n/);
    expect(files['oem.ini']).toContain('JSPluginsServer=http://wps.intranet.example/addins/jsplugins.xml');
  });

  test('the pane page loads no office.js and nothing from outside', async () => {
    const html = await fs.readFile(path.join(dist, 'taskpane.html'), 'utf8');
    expect(html).not.toContain('appsforoffice');
    const csp = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/https?:/);
  });
});

describe('the pane in chromium over the ET stand-in', () => {
  test('mut-shared-official: truth errors listed; select, fill, undo, clear marks', async () => {
    const { page, problems } = await openPane('mut-shared-official');
    const ws = et(page);
    const before = await ws.snapshot();
    await check(page);
    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'wps-taskpane-after-check.png'), animations: 'disabled' });
    const truth = truthOf('mut-shared-official');
    const places = await listedPlaces(page);
    for (const t of truth) expect(places).toContain(t.cell);
    expect(await ws.marked(truth[0].sheet)).toEqual(expect.arrayContaining(truth.map((t) => t.cell)));

    const total = truth.find((t) => t.category === 'TOTAL') as Truth;
    await page.locator(`li[data-finding] > button[aria-label^="${total.cell}，"]`).click();
    await eventually(ws.selection, { sheet: total.sheet, address: total.cell });

    const beforeFill = await ws.snapshot();
    await page.getByRole('button', { name: '填入计算值', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '填入', exact: true }).click();
    await page.getByText('已填入 1 个计算值。').waitFor();
    expect((await ws.cell(total.sheet, total.cell)).value).toBeCloseTo(Number(total.expected), 10);
    await page.getByRole('button', { name: '撤销填入' }).click();
    await page.getByText('已恢复 1 个单元格的原内容。').waitFor();
    const cellsOf = (s: Awaited<ReturnType<typeof ws.snapshot>>) => s.sheets.map((x) => x.cells);
    expect(cellsOf(await ws.snapshot())).toEqual(cellsOf(beforeFill));

    await page.getByRole('button', { name: '清除标记' }).click();
    await page.getByText(/^已清除 \d+ 个单元格的标记。$/).waitFor();
    expect(await ws.snapshot()).toEqual(before);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('004-stacked-official: typing the right value re-checks by itself; export and sample sheets', async () => {
    const { page, problems } = await openPane('004-stacked-official');
    const ws = et(page);
    await check(page);
    const [wrong] = truthOf('004-stacked-official');
    expect(await listedPlaces(page)).toContain(wrong.cell);
    expect(await ws.marked(wrong.sheet)).toContain(wrong.cell);
    await page.evaluate(([s, c]) => (window as unknown as WpsHarnessWindow).__et.userEdit(s, c, 18.33), [wrong.sheet, wrong.cell]);
    await eventually(async () => (await listedPlaces(page)).includes(wrong.cell), false);
    expect(await ws.marked(wrong.sheet)).not.toContain(wrong.cell);

    await page.getByRole('button', { name: '导出核分结果' }).click();
    await page.getByText('核分结果已导出到工作表“核分结果”。').waitFor();
    await page.getByRole('button', { name: '插入示例表' }).click();
    await page.getByText(/^已插入示例工作表“示例自评表.*”。$/).waitFor();
    const names = await page.evaluate(() => (window as unknown as WpsHarnessWindow).__et.sheetNames());
    expect(names).toEqual(expect.arrayContaining(['核分结果', expect.stringMatching(/^示例自评表/)]));
    expect(problems).toEqual([]);
    await page.close();
  });

  test('English when WPS displays English', async () => {
    const { page, problems } = await openPane('mut-shared-official', 'en-US');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.locator('#findings-title').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'wps-taskpane-en.png'), animations: 'disabled' });
    expect(problems).toEqual([]);
    await page.close();
  });
});
