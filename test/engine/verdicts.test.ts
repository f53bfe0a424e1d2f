/**
 * On the seeds' tables, the indicator rows that still get no verdict, listed by their text: every
 * change to this list is reviewed in the snapshot (scoring-rules.md §7 says why each is refused).
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkWorkbook, rowsWithoutVerdict } from '../../src/engine';
import { readWorkbook } from '../../src/xlsx/read';

const ROOT = path.resolve(__dirname, '../..');
const { files } = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/support/seed-tables.json'), 'utf8')) as { files: string[] };
const reports = files.map((f) => checkWorkbook(readWorkbook(fs.readFileSync(path.join(ROOT, f)))));
const rows = reports.reduce((n, r) => n + r.tables.reduce((m, t) => m + t.indicators.length, 0), 0);
const without = reports.flatMap((r) => rowsWithoutVerdict(r));

test('at least 97% of the seeds\' indicator rows get a verdict (an exact score or a band)', () => {
  expect(rows).toBeGreaterThan(400);
  expect(1 - without.length / rows).toBeGreaterThanOrEqual(0.97);
});

test('the rows still not checked, by their text', () => {
  expect(without.map(({ indicator: i }) => `${i.name} | ${i.target ?? '(空)'} | ${i.actual ?? '(空)'}`)).toMatchSnapshot();
});
