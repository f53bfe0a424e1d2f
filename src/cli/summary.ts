/**
 * The reviewer's summary workbook (`--summary FILE.xlsx`), written with exceljs: SheetJS's
 * community build writes no fills, frozen panes or styled hyperlinks, which a reviewer needs.
 *
 * - 汇总: one row per table, header frozen, filters on, rows with errors filled;
 * - 问题清单: one row per finding, its cell a hyperlink into the annotated copy (or the original);
 * - 说明: the run — date, version, each file's profile choice, files not read and why, notices.
 *
 * Text from the workbooks is always written as a string cell (never a formula); a text that a
 * spreadsheet would take for a formula when typed again also gets the Text format (@).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Cell, Fill, Workbook, Worksheet } from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { CheckedFile, Finding, Lang, RunReport, TableProfile } from '../engine/report';
import { textCannotBeFormula } from '../engine/safe-text';
import { countBySeverity, explainsText, SEVERITY_WORDS, totalsText } from './format';
import type { JobResult } from './job';

const WORDS = {
  zh: {
    sheets: { summary: '汇总', findings: '问题清单', about: '说明' },
    summary: ['文件', '工作表', '项目名称', '主管部门', '实施单位', '年度', '规则', '填写总分', '核算总分', '全部改正后总分', '填写等级', '核算等级', '错误', '提示', '未核'],
    findings: ['文件', '工作表', '单元格', '项目名称', '级别', '代码', '填写值', '应为', '说明'],
    chosen: { auto: '自动', user: '指定', office: '按单位' } as Record<TableProfile['chosen'], string>,
    about: {
      title: '绩效自评核分 — 核分汇总',
      date: '核分时间',
      version: 'selfeval 版本',
      profile: '规则（选项）',
      totals: '合计',
      links: '问题清单的单元格链接打开',
      linksAnnotated: '标注副本',
      linksOriginal: '原文件',
      files: ['文件', '规则', '选择方式', '解释', '建议', '标注副本'],
      unreadable: '无法读取的文件',
      unreadableHead: ['文件', '原因'],
      none: '无',
      notices: '未核的工作表或区域',
      noticesHead: ['文件', '工作表', '单元格', '说明'],
    },
  },
  en: {
    sheets: { summary: '汇总', findings: '问题清单', about: '说明' },
    summary: ['File', 'Sheet', 'Project', 'Department', 'Implementing unit', 'Year', 'Profile', 'Total entered', 'Total computed', 'Total once corrected', 'Grade entered', 'Grade computed', 'Errors', 'Warnings', 'Not checked'],
    findings: ['File', 'Sheet', 'Cell', 'Project', 'Severity', 'Code', 'Entered', 'Expected', 'Message'],
    chosen: { auto: 'automatic', user: 'chosen', office: 'by office' } as Record<TableProfile['chosen'], string>,
    about: {
      title: 'Self-evaluation check — summary',
      date: 'Checked at',
      version: 'selfeval version',
      profile: 'Profile (option)',
      totals: 'Totals',
      links: 'Cell links of 问题清单 open',
      linksAnnotated: 'the annotated copies',
      linksOriginal: 'the original files',
      files: ['File', 'Profile', 'Chosen', 'Explains', 'Suggestion', 'Annotated copy'],
      unreadable: 'Files that could not be read',
      unreadableHead: ['File', 'Reason'],
      none: 'none',
      notices: 'Sheets or blocks not checked',
      noticesHead: ['File', 'Sheet', 'Cell', 'Message'],
    },
  },
};

const ERROR_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const LINK_FONT = { color: { argb: 'FF0563C1' }, underline: true };
const SUMMARY_WIDTHS = [28, 12, 36, 26, 26, 7, 20, 10, 10, 14, 9, 9, 7, 7, 7];
const FINDINGS_WIDTHS = [28, 12, 9, 32, 7, 28, 10, 10, 70];

export interface SummaryOptions {
  lang: Lang;
  /** The --profile option of the run. */
  profile: string;
  /** When the run happened (the 说明 sheet says it). */
  date?: Date;
}

/** A decimal string as a number cell showing exactly its decimals; anything else as text. */
function setValue(cell: Cell, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const m = /^-?\d+(?:\.(\d+))?$/.exec(value);
  if (m && value.length <= 15) {
    cell.value = Number(value);
    cell.numFmt = m[1] ? `0.${'0'.repeat(m[1].length)}` : '0';
  } else setText(cell, value);
}

/** Text from a workbook: a string cell, with the Text format when it would read as a formula if typed again. */
function setText(cell: Cell, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  cell.value = value;
  if (!textCannotBeFormula(value)) cell.numFmt = '@';
}

/** A link from the summary's folder to `file` at `sheet!cell` (Excel and LibreOffice resolve it relative to the summary). */
export function cellLink(summaryFile: string, file: string, sheet: string, cell: string): string {
  const relative = path.relative(path.dirname(path.resolve(summaryFile)), path.resolve(file)).split(path.sep).join('/');
  return `${relative.replace(/#/g, '%23')}#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

function setLink(cell: Cell, text: string, target: string): void {
  cell.value = { text, hyperlink: target };
  cell.font = LINK_FONT;
}

function header(ws: Worksheet, titles: readonly string[], widths: readonly number[]): void {
  const row = ws.addRow([...titles]);
  row.font = { bold: true };
  row.eachCell((c) => (c.fill = HEADER_FILL));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
}

function filters(ws: Worksheet, columns: number): void {
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, ws.rowCount), column: columns } };
}

function summarySheet(wb: Workbook, checked: Array<{ file: CheckedFile; result: JobResult }>, lang: Lang, linkTo: (r: JobResult, sheet: string, cell: string) => string): void {
  const w = WORDS[lang];
  const ws = wb.addWorksheet(w.sheets.summary);
  header(ws, w.summary, SUMMARY_WIDTHS);
  for (const { file, result } of checked) {
    file.tables.forEach((t) => {
      const findings = file.findings.filter((f) => f.sheet === t.sheet && f.table === t.anchor);
      const c = countBySeverity(findings);
      const row = ws.addRow([]);
      setLink(row.getCell(1), file.file, linkTo(result, t.sheet, t.anchor));
      setText(row.getCell(2), t.sheet);
      setText(row.getCell(3), t.project);
      setText(row.getCell(4), t.department);
      setText(row.getCell(5), t.agency);
      setText(row.getCell(6), t.year);
      setText(row.getCell(7), lang === 'zh' ? `${t.profile.id}（${w.chosen[t.profile.chosen]}）` : `${t.profile.id} (${w.chosen[t.profile.chosen]})`);
      setValue(row.getCell(8), t.total.score?.entered);
      setValue(row.getCell(9), t.total.score?.computed);
      setValue(row.getCell(10), t.total.rulesTotal);
      setText(row.getCell(11), t.total.grade?.entered);
      setText(row.getCell(12), t.total.grade?.computed);
      [c.error, c.warning, c.info].forEach((n, k) => (row.getCell(13 + k).value = n));
      if (c.error > 0) for (let k = 1; k <= w.summary.length; k++) row.getCell(k).fill = ERROR_FILL;
    });
  }
  filters(ws, w.summary.length);
}

function findingsSheet(wb: Workbook, checked: Array<{ file: CheckedFile; result: JobResult }>, lang: Lang, linkTo: (r: JobResult, sheet: string, cell: string) => string): void {
  const w = WORDS[lang];
  const ws = wb.addWorksheet(w.sheets.findings);
  header(ws, w.findings, FINDINGS_WIDTHS);
  for (const { file, result } of checked) {
    const projects = new Map(file.tables.map((t) => [`${t.sheet}!${t.anchor}`, t.project]));
    for (const f of file.findings) {
      const row = ws.addRow([]);
      setText(row.getCell(1), file.file);
      setText(row.getCell(2), f.sheet);
      setLink(row.getCell(3), f.cell, linkTo(result, f.sheet, f.cell));
      setText(row.getCell(4), projects.get(`${f.sheet}!${f.table}`));
      setText(row.getCell(5), SEVERITY_WORDS[lang][f.severity]);
      setText(row.getCell(6), f.code);
      setValue(row.getCell(7), f.entered);
      setValue(row.getCell(8), f.expected);
      setText(row.getCell(9), f.message);
      if (f.severity === 'error') row.getCell(5).fill = ERROR_FILL;
    }
  }
  filters(ws, w.findings.length);
}

function aboutSheet(wb: Workbook, report: RunReport, results: readonly JobResult[], options: SummaryOptions, annotated: boolean): void {
  const w = WORDS[options.lang].about;
  const ws = wb.addWorksheet(WORDS[options.lang].sheets.about);
  [30, 40, 14, 36, 50, 40].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  const title = ws.addRow([w.title]);
  title.font = { bold: true, size: 14 };
  const all: Finding[] = report.files.flatMap((f) => f.findings);
  const tables = report.files.reduce((n, f) => n + f.tables.length, 0);
  const date = options.date ?? new Date();
  ws.addRow([w.date, localTime(date)]);
  ws.addRow([w.version, report.tool.version]);
  ws.addRow([w.profile, options.profile]);
  ws.addRow([w.totals, totalsText(report.files.length, tables, countBySeverity(all), options.lang)]);
  ws.addRow([w.links, annotated ? w.linksAnnotated : w.linksOriginal]);
  ws.addRow([]);
  const bold = (cells: readonly string[]) => (ws.addRow([...cells]).font = { bold: true });
  bold(w.files);
  report.files.forEach((f, i) => {
    if ('error' in f) return;
    const row = ws.addRow([]);
    setText(row.getCell(1), f.file);
    setText(row.getCell(2), f.profile.id);
    setText(row.getCell(3), WORDS[options.lang].chosen[f.profile.chosen]);
    setText(row.getCell(4), explainsText(f.profile, options.lang));
    setText(row.getCell(5), f.profile.suggestion?.message);
    setText(row.getCell(6), results[i].annotated);
  });
  ws.addRow([]);
  bold([w.unreadable]);
  const unreadable = report.files.filter((f) => 'error' in f);
  if (unreadable.length === 0) ws.addRow([w.none]);
  else {
    bold(w.unreadableHead);
    for (const f of unreadable) {
      const row = ws.addRow([]);
      setText(row.getCell(1), f.file);
      setText(row.getCell(2), 'error' in f ? f.error : '');
    }
  }
  const notices = report.files.flatMap((f) => ('error' in f ? [] : f.notices.map((n) => ({ file: f.file, ...n }))));
  if (notices.length > 0) {
    ws.addRow([]);
    bold([w.notices]);
    bold(w.noticesHead);
    for (const n of notices) {
      const row = ws.addRow([]);
      [n.file, n.sheet, n.cell, n.message].forEach((v, k) => setText(row.getCell(k + 1), v));
    }
  }
}

/**
 * exceljs writes a link to a cell of another file as one target ("a.xlsx#'表'!H5") and repeats
 * it as the in-document location. Excel's own form is the file as the relationship's target and
 * the cell as the location: each sheet's links are rewritten so.
 */
function splitLinkLocations(xlsx: Uint8Array): Uint8Array {
  const parts = unzipSync(xlsx);
  for (const name of Object.keys(parts)) {
    const m = /^xl\/worksheets\/_rels\/(sheet\d+\.xml)\.rels$/.exec(name);
    if (!m) continue;
    const locations = new Map<string, string>();
    const rels = strFromU8(parts[name]).replace(/<Relationship Id="(rId\d+)" Type="[^"]*\/hyperlink" Target="([^"#]*)#([^"]*)" TargetMode="External"\/>/g, (all, id: string, target: string, location: string) => {
      locations.set(id, location);
      return all.replace(`Target="${target}#${location}"`, `Target="${target}"`);
    });
    const sheetName = `xl/worksheets/${m[1]}`;
    const sheet = strFromU8(parts[sheetName]).replace(/<hyperlink ref="([A-Z]+\d+)" r:id="(rId\d+)"(?: location="[^"]*")?\/>/g, (all, ref: string, id: string) =>
      locations.has(id) ? `<hyperlink ref="${ref}" r:id="${id}" location="${locations.get(id)}"/>` : all,
    );
    parts[name] = strToU8(rels);
    parts[sheetName] = strToU8(sheet);
  }
  return zipSync(parts);
}

/** "2025-06-30 14:05:09" in the machine's time zone. */
function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Writes the summary workbook of a run to `file` (its folder is created). */
export async function writeSummary(file: string, report: RunReport, results: readonly JobResult[], options: SummaryOptions): Promise<void> {
  const ExcelJS: typeof import('exceljs') = require('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = `${report.tool.name} ${report.tool.version}`;
  const checked = report.files.flatMap((f, i) => ('error' in f ? [] : [{ file: f, result: results[i] }]));
  const annotated = results.some((r) => r.annotated !== null);
  const linkTo = (r: JobResult, sheet: string, cell: string) => cellLink(file, r.annotated ?? r.entry.file, sheet, cell);
  summarySheet(wb, checked, options.lang, linkTo);
  findingsSheet(wb, checked, options.lang, linkTo);
  aboutSheet(wb, report, results, options, annotated);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, splitLinkLocations(bytes));
}
