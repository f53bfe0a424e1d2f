import * as fs from 'fs';
import * as path from 'path';

/** The shared example workbooks with answer keys (read-only, beside the repository). */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../shared/fixtures');

export interface KeyTable {
  sheet: string;
  anchor: string;
  project: string;
  indicatorCount: number;
  indicators: Array<{ l3: string; weight: string; score: string; scoreCell: string }>;
  cells: Record<string, string>;
  truth: Array<{ field: string; category: string; entered: string; expected: string; sheet: string; cell: string }>;
}

export interface Fixture {
  name: string;
  file: string;
  bytes: Buffer;
  key: { tables: KeyTable[] };
}

/** Ours, built the same way from the seeds the shared fixtures leave out (001, 002, 003; see its README). */
export const SEED_FIXTURES_DIR = path.resolve(__dirname, '../seed-fixtures');

function fixturesIn(dir: string): Fixture[] {
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort();
  if (names.length === 0) throw new Error(`no fixtures in ${dir}`);
  return names.map((name) => {
    const file = path.join(dir, name);
    return { name, file, bytes: fs.readFileSync(file), key: JSON.parse(fs.readFileSync(file.replace(/\.xlsx$/, '.key.json'), 'utf8')) };
  });
}

/** The shared example workbooks. */
export function fixtures(): Fixture[] {
  return fixturesIn(FIXTURES_DIR);
}

/** The shared example workbooks and ours from the other seeds. */
export function allFixtures(): Fixture[] {
  return [...fixturesIn(FIXTURES_DIR), ...fixturesIn(SEED_FIXTURES_DIR)];
}

/** Ours in other provinces' forms (see its README). */
export const PROVINCE_FIXTURES_DIR = path.resolve(__dirname, '../province-fixtures');

/** Every answer-keyed workbook's path: the shared ones, ours from the seeds and in other provinces' forms. */
export function fixtureWorkbooks(): string[] {
  return [...allFixtures(), ...fixturesIn(PROVINCE_FIXTURES_DIR)].map((f) => f.file);
}
