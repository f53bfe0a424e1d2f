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

export function fixtures(): Fixture[] {
  const names = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.xlsx')).sort();
  if (names.length === 0) throw new Error(`no fixtures in ${FIXTURES_DIR}`);
  return names.map((name) => {
    const file = path.join(FIXTURES_DIR, name);
    return { name, file, bytes: fs.readFileSync(file), key: JSON.parse(fs.readFileSync(file.replace(/\.xlsx$/, '.key.json'), 'utf8')) };
  });
}
