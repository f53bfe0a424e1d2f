/**
 * npm run bench, WPS part: the bridge calls the WPS adapter makes (every ET property read or
 * write and method call, counted by the ET stand-in) for a check of one sheet and of fifty —
 * read, mark every finding, clear — for the copies of mut-shared-official as bench/office.ts.
 */
import * as path from 'path';
import { checkWorkbook, marksFromFindings } from '../src/engine';
import type { StandInWorkbook } from '../test/office/excel-standin';
import { loadFixture } from '../test/office/load-fixture';
import { setupWps } from '../test/wps/setup';

const FIXTURE = path.resolve(__dirname, '../../shared/fixtures/mut-shared-official.xlsx');

function copies(workbook: StandInWorkbook, n: number): StandInWorkbook {
  const [sheet] = workbook.sheets;
  return { sheets: Array.from({ length: n }, (_, i) => ({ ...sheet, name: `${sheet.name}${i + 1}` })) };
}

async function main(): Promise<void> {
  const fixture = loadFixture(FIXTURE);
  for (const n of [1, 50]) {
    const { adapter, counted } = setupWps(copies(fixture, n));
    const read = await counted(() => adapter.readSheets('all'));
    const cells = read.result.reduce((sum, g) => sum + g.cells.reduce((s, row) => s + (row?.length ?? 0), 0), 0);
    const report = checkWorkbook(read.result);
    const marks = marksFromFindings(report.findings);
    const mark = await counted(() => adapter.applyMarks(marks));
    const clear = await counted(() => adapter.clearMarks());
    console.log(
      `wps adapter, ${n} sheet(s) (${report.tables.length} tables, ${cells} cells, ${marks.length} marks): bridge calls read ${read.calls} (${(read.calls / n).toFixed(0)} a sheet), mark ${mark.calls}, clear ${clear.calls}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
