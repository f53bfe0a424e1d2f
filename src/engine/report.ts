/**
 * The check report, as specified in shared/docs/report-format.md. Numbers are decimal
 * strings (never binary floats); rates are in percent units; null where absent/unreadable.
 */

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'zh' | 'en';

/** A value the user entered in a cell, and what the active profile computes for it. */
export interface CheckedValue {
  cell: string;
  entered: string | null;
  computed: string | null;
  /** How `computed` is obtained, step by step (only with the `explain` option). */
  steps?: ExplanationStep[];
}

export interface BudgetReport {
  initial: string | null;
  full: string | null;
  executed: string | null;
  weight: string | null;
  rate: CheckedValue | null;
  score: CheckedValue | null;
}

export type IndicatorKind = 'quantitative' | 'qualitative' | 'unreadable';

export interface IndicatorReport {
  row: number;
  level1: string | null;
  level2: string | null;
  name: string | null;
  target: string | null;
  actual: string | null;
  kind: IndicatorKind;
  weight: { cell: string; entered: string | null };
  score: CheckedValue;
}

export interface TotalReport {
  weight: CheckedValue | null;
  score: CheckedValue | null;
  grade: CheckedValue | null;
  /** The 总分 once every finding is corrected (computed parts, entered ones where the rules give none). */
  rulesTotal?: string | null;
}

/** Which profile scored a table: the workbook's choice, or its own office's (`office`). */
export interface TableProfile {
  id: string;
  chosen: 'auto' | 'user' | 'office';
}

export interface TableReport {
  sheet: string;
  anchor: string;
  profile: TableProfile;
  /** The known form it was printed in (src/engine/locate/forms.ts). */
  form: string;
  project: string | null;
  /** 主管部门 and 实施单位 as printed. */
  department: string | null;
  agency: string | null;
  year: string | null;
  moneyUnit: '元' | '万元' | null;
  budget: BudgetReport | null;
  indicators: IndicatorReport[];
  total: TotalReport;
}

/** One step of an explanation, in both languages. */
export interface ExplanationStep {
  zh: string;
  en: string;
}

export interface Finding {
  sheet: string;
  cell: string;
  code: string;
  severity: Severity;
  entered: string | null;
  expected: string | null;
  /** One sentence, in the report's language. */
  message: string;
  /** The rule and the computation with the real numbers, step by step. */
  steps: ExplanationStep[];
  /** Anchor of the table the finding belongs to. */
  table: string;
}

export interface ProfileChoice {
  id: string;
  chosen: 'auto' | 'user';
  /** e.g. "17/18 budget rows" — how many entered values the profile explains. */
  explains: string;
  explained: number;
  checked: number;
  /** Budget rows (执行率 and its 得分 both entered) counted, and those the profile reproduces. */
  budgetRows: number;
  budgetRowsExplained: number;
  /**
   * With the automatic choice: a profile it may not pick (banded budget scoring) that would
   * explain more budget rows, for the user to select by hand if the office scores that way.
   */
  suggestion?: { id: string; explains: string; message: string };
}

/** The result of checking one workbook (one entry of `files` in the JSON report). */
export interface WorkbookReport {
  profile: ProfileChoice;
  tables: TableReport[];
  findings: Finding[];
  /** Sheets without a table, tables read only in part: said once, in the report's language. */
  notices: Notice[];
}

export interface CheckedFile extends WorkbookReport {
  file: string;
}

/** A file that could not be read: the reason instead of tables. */
export interface UnreadableFile {
  file: string;
  error: string;
  tables: [];
  findings: [];
}

export type FileReport = CheckedFile | UnreadableFile;

export interface RunReport {
  tool: { name: string; version: string };
  files: FileReport[];
}

/** Something the user should know that is not a finding on a cell: a sheet with no table, a table the locator could only partly read. */
export interface Notice {
  sheet: string;
  cell: string | null;
  message: string;
}

/**
 * The indicator rows of a report that got no verdict — neither an exact score nor a band: those
 * with an INDICATOR_NOT_CHECKED finding at their score or weight cell.
 */
export function rowsWithoutVerdict(report: Pick<WorkbookReport, 'tables' | 'findings'>): Array<{ table: TableReport; indicator: IndicatorReport }> {
  const notChecked = new Set(report.findings.filter((f) => f.code === 'INDICATOR_NOT_CHECKED').map((f) => `${f.sheet}!${f.cell}`));
  return report.tables.flatMap((table) =>
    table.indicators
      .filter((i) => notChecked.has(`${table.sheet}!${i.score.cell}`) || notChecked.has(`${table.sheet}!${i.weight.cell}`))
      .map((indicator) => ({ table, indicator })),
  );
}
