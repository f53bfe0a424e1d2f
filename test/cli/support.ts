/** Helpers of the CLI tests: running `selfeval` in this process, workbooks made for a test. */
import * as path from 'path';
import { run, type Io } from '../../src/cli/main';
import { stackForms, type FormSpec } from '../../src/engine/form';
import * as sample from '../../src/engine/sample';

export async function capture(argv: string[], stderrIsTty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTty };
  const code = await run(argv, io);
  return { code, out, err };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeWorkbook } = require('../../scripts/write-workbook.js') as { writeWorkbook: (sheets: unknown[], file: string) => void };

/** Texts a spreadsheet would take for formulas, and HTML that a page must show as text. */
export const HOSTILE = {
  project: '=HYPERLINK("http://example.invalid/x","点我")',
  department: '+1+2 <img src=x onerror=alert(1)>',
  implementer: '@SUM(A1:A2)',
  sheet: '-1+1',
};

/** One table of the 上海发布 seed with hostile texts in its name, offices and sheet name. */
export function hostileWorkbook(file: string): string {
  const spec: FormSpec = { ...sample.SHANGHAI_FABU, project: HOSTILE.project, department: HOSTILE.department };
  const { sheet } = stackForms(HOSTILE.sheet, [{ spec, style: { labels: 'merged', rate: 'fraction', title: true } }]);
  // 实施单位 gets its own text (the form writes the department in both places).
  for (const row of sheet.cells) {
    const at = row?.findIndex((c) => c?.value === '实施单位') ?? -1;
    if (at >= 0) row[at + 1] = { value: HOSTILE.implementer };
  }
  writeWorkbook([sheet], file);
  return path.resolve(file);
}
