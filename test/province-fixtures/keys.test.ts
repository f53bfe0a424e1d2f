/**
 * The province fixtures' keys against their workbooks (not the engine): every keyed value is what
 * its cell shows, every worded cell is a score cell, and the five-office workbooks carry exactly
 * the truth and worded entries of the five workbooks they collect.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURES_DIR, SEED_FIXTURES_DIR } from '../support/fixtures';

interface Key { tables: Array<{ sheet: string; project: string; truth: Array<{ cell: string; entered: string }>; worded?: Array<{ cell: string; verdict: string }> }> }
// forms.js is the plain-node kit build.js uses; its checkWorkbook throws on the first mismatch.
const { checkWorkbook } = require('./forms') as { checkWorkbook: (file: string, key: Key) => void };

const DIR = __dirname;
const keyOf = (file: string): Key => JSON.parse(fs.readFileSync(file.replace(/\.xlsx$/, '.key.json'), 'utf8'));
const books = fs.readdirSync(DIR).filter((f) => f.endsWith('.xlsx')).sort();

test('there is a workbook for every form and the two five-office collections', () => {
  expect(books.filter((f) => f.startsWith('p')).length).toBeGreaterThanOrEqual(9);
  expect(books).toEqual(expect.arrayContaining(['m-five-offices-one-sheet.xlsx', 'm-five-offices-per-sheet.xlsx']));
});

test.each(books)('%s: every keyed value is what its cell shows', (name) => {
  const file = path.join(DIR, name);
  expect(() => checkWorkbook(file, keyOf(file))).not.toThrow();
});

test.each(['m-five-offices-one-sheet.xlsx', 'm-five-offices-per-sheet.xlsx'])('%s: the five offices\' truth and worded entries, no more', (name) => {
  const sources = [
    path.join(FIXTURES_DIR, '000-stacked-official.xlsx'), path.join(SEED_FIXTURES_DIR, '001-stacked-official.xlsx'),
    path.join(SEED_FIXTURES_DIR, '002-stacked-official.xlsx'), path.join(SEED_FIXTURES_DIR, '003-stacked-official.xlsx'),
    path.join(FIXTURES_DIR, '004-stacked-official.xlsx'),
  ].map(keyOf);
  const key = keyOf(path.join(DIR, name));
  const summary = (k: Key[]) => k.flatMap((x) => x.tables).map((t) => `${t.project}: ${t.truth.map((x) => x.entered).join(',')} / ${(t.worded || []).map((w) => w.verdict).join(',')}`);
  expect(summary([key])).toEqual(summary(sources));
});
