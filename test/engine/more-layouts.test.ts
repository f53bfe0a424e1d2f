/**
 * Layouts real templates produce (test/more-layouts/build.js: blank and extra columns, header
 * synonyms and (A)/(B) letters, two-row headers, tables side by side, 小计 rows, dashes for
 * empty rows, "10分", inline grades, 元↔万元 …; build2.js: formulas with cached values, quoted
 * % formats, 95% typed as 0.95, ¥ amounts, spaced labels, notes after actuals, blank templates,
 * cover sheets, far offsets …), applied to the two workbooks holding every
 * published table with injected errors. Each must give every table at its anchor, every
 * indicator at its cells, every truth entry as an error at its cell and no other error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkWorkbook } from '../../src/engine';
import { readWorkbook } from '../../src/xlsx/read';
import { FIXTURES_DIR, SEED_FIXTURES_DIR, type KeyTable } from '../support/fixtures';

interface Model {
  meta: unknown;
}
interface Builder {
  VARIANTS: Record<string, [doc: string, apply: (model: Model) => boolean | void, debatable?: boolean]>;
  load(dir: string, file: string): Model;
  movedKey(model: Model, variant: string): { tables: KeyTable[] };
  writeModel(model: Model, file: string): void;
}
/** Round 1 (columns, headers, positions, rows) and round 2 (formats, formulas, spellings, sheets); each with its own writer. */
const ROUNDS: Builder[] = [require('../more-layouts/build.js'), require('../more-layouts/build2.js')];


const SOURCES: Array<[string, string]> = [
  [FIXTURES_DIR, 'mut-shared-official.xlsx'],
  [SEED_FIXTURES_DIR, 'mut-seeds-official.xlsx'],
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'more-layouts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cases = ROUNDS.flatMap((build) =>
  Object.keys(build.VARIANTS)
    .flatMap((variant) => SOURCES.map(([from, file]) => [variant, file, from, build] as const)),
);

test.each(cases)('%s on %s', (variant, file, from, build) => {
  const model = build.load(from, file);
  if (build.VARIANTS[variant][1](model) === false) return; // the variant does not apply to this workbook
  const key = build.movedKey(model, variant);
  const out = path.join(dir, `${variant}__${file}`);
  build.writeModel(model, out);
  const report = checkWorkbook(readWorkbook(fs.readFileSync(out)));

  for (const kt of key.tables) {
    const table = report.tables.find((t) => t.sheet === kt.sheet && t.anchor === kt.cells.anchor);
    expect(table && `${kt.sheet}!${kt.cells.anchor}`).toBe(`${kt.sheet}!${kt.cells.anchor}`);
    expect(table!.indicators.map((i) => i.score.cell)).toEqual(expect.arrayContaining(kt.indicators.map((i) => i.scoreCell)));
    expect([table!.budget?.rate?.cell, table!.budget?.score?.cell]).toEqual([kt.cells['funds.rate'], kt.cells['funds.score']]);
  }
  const truth = [...new Set(key.tables.flatMap((t) => t.truth.map((x) => `${x.sheet}!${x.cell}`)))].sort();
  const errors = [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell}`))].sort();
  expect(errors).toEqual(truth);
});
