/**
 * npm run bench, add-in part: the round trips the Office.js adapter makes (context.sync()
 * calls, counted by the Excel stand-in) for one sheet and for fifty, and the gzipped size of
 * the production task pane's JavaScript, and the pane's start-up in chromium (navigation to the
 * 核分 button enabled, over the stand-in). Run by `npm run bench` through ts-node (settings in tsconfig.json).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { checkWorkbook, marksFromFindings } from '../src/engine';
import type { StandInWorkbook } from '../test/office/excel-standin';
import { loadFixture } from '../test/office/load-fixture';
import { setup } from '../test/office/setup';
import { launchChromium } from '../test/e2e/harness/browser';
import { buildStandIn, buildTaskPane } from '../test/e2e/harness/build';
import { startServer } from '../test/e2e/harness/server';
import { measureStartup } from '../test/e2e/harness/startup';

const FIXTURE = path.resolve(__dirname, '../../shared/fixtures/mut-shared-official.xlsx');
const BUNDLE_TARGET_KB = 400;
const STARTUP_RUNS = 10;

/** Start-up of the production pane built into `dist`, served with the stand-in over the fixture. */
async function startup(dist: string, work: string, fixture: StandInWorkbook): Promise<void> {
  const harness = path.join(work, 'harness');
  await buildStandIn(harness);
  const server = await startServer(dist, harness, async () => `window.__HARNESS_WORKBOOK__ = ${JSON.stringify(fixture)};`);
  const browser = await launchChromium();
  try {
    const { runs, medianMs } = await measureStartup(browser, `${server.origin}/taskpane.html?fixture=mut-shared-official`, STARTUP_RUNS);
    const sorted = [...runs].sort((a, b) => a - b);
    console.log(
      `task pane start-up (production build, chromium, to 核分 enabled), ${STARTUP_RUNS} runs: median ${medianMs.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The fixture's one sheet copied `n` times. */
function copies(workbook: StandInWorkbook, n: number): StandInWorkbook {
  const [sheet] = workbook.sheets;
  return { sheets: Array.from({ length: n }, (_, i) => ({ ...sheet, name: `${sheet.name}${i + 1}` })) };
}

/** Syncs of a check as the pane does it: read every sheet, then mark every finding, then clear the marks. */
async function syncsOfCheck(workbook: StandInWorkbook): Promise<{ read: number; mark: number; clear: number; tables: number; marks: number }> {
  const s = setup(workbook, { apiVersion: '1.18' });
  const read = await s.counted(() => s.adapter.readSheets('all'));
  const report = checkWorkbook(read.result);
  const marks = marksFromFindings(report.findings);
  const mark = await s.counted(() => s.adapter.applyMarks(marks));
  const clear = await s.counted(() => s.adapter.clearMarks());
  return { read: read.syncs, mark: mark.syncs, clear: clear.syncs, tables: report.tables.length, marks: marks.length };
}

async function main(): Promise<void> {
  const fixture = loadFixture(FIXTURE);
  // Reads grow by one sync per READ_BUDGET.syncCells cells (the 5 MB limit), never per sheet or table.
  for (const n of [1, 50]) {
    const r = await syncsOfCheck(copies(fixture, n));
    console.log(`office adapter, ${n} sheet(s) (${r.tables} tables, ${r.marks} marks): syncs read ${r.read}, mark ${r.mark}, clear ${r.clear}`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-dist-'));
  const dist = path.join(work, 'dist');
  try {
    await buildTaskPane(dist);
    const scripts = fs.readdirSync(dist).filter((f) => f.endsWith('.js'));
    const gzipped = scripts.reduce((sum, f) => sum + gzipSync(fs.readFileSync(path.join(dist, f))).length, 0);
    console.log(`task pane JavaScript (${scripts.join(', ')}): ${(gzipped / 1024).toFixed(1)} KB gzipped (target ≤ ${BUNDLE_TARGET_KB} KB)`);
    await startup(dist, work, fixture);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
