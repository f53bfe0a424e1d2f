import type { Cell, CellRange } from '../grid';
import { GridView, toA1 } from '../grid';
import { cellAmount, cellPoints } from '../read/number';
import { readGrade } from '../rules/grade';
import { squash, tidy } from '../text';
import {
  AGENCY_LABELS, DEPARTMENT_LABELS, FUNDS_BLOCK_LABELS, FUNDS_HEADERS, FUNDS_ROW_LABELS, FundsColumn, FundsRowKind, GRADE_LABELS,
  HeaderMatch, INDICATOR_HEADERS, IndicatorColumn, PROJECT_LABELS, SUBTOTAL_ROW_LABELS, TEXT_BLOCK_LABELS, TOTAL_ROW_LABELS, matchHeader,
} from './vocabulary';
import { identifiesForm, identifyForm } from './forms';

/** A cell the locator found, with its sheet position. */
export interface Place {
  row: number;
  col: number;
  address: string;
  cell: Cell | undefined;
}

export function placeAt(grid: GridView, row: number, col: number): Place {
  return { row, col, address: toA1(row, col), cell: grid.cell(row, col) };
}

export type { FundsRowKind };

export interface LocatedFunds {
  headerRow: number;
  columns: Partial<Record<FundsColumn, number>>;
  /** The 执行率 header says "(%)": bare numbers there are percent. */
  ratePercentHeader: boolean;
  /** Without a 分值 column: the label that prints the budget's points ("预算执行情况（10分）", "得分(10分)"). */
  weightLabel: Place | null;
  rows: Partial<Record<FundsRowKind, number>>;
}

/** The columns of the indicator block: every indicator row has its values there. */
export interface IndicatorColumns {
  name: number;
  target: number;
  actual: number;
  weight: number;
  score: number;
  /** The target split over 指标性质 | 指标值 | 度量单位: the comparator's and the unit's columns. */
  comparator?: number;
  unit?: number;
}

export interface LocatedIndicator {
  row: number;
  level1: string | null;
  level2: string | null;
}

export interface LocatedTable {
  sheet: string;
  /** The 项目名称 label; in a table without one, the first label cell of its first block. */
  anchor: Place;
  /** The anchor is a 项目名称 label (else the table was printed without one). */
  labelled: boolean;
  /** The known form (forms.ts) the table was printed in. */
  form: string;
  project: string | null;
  /** 主管部门 and 实施单位 as printed: the office the table belongs to. */
  department: string | null;
  agency: string | null;
  year: string | null;
  moneyUnit: '元' | '万元' | null;
  funds: LocatedFunds | null;
  indicatorHeaderRow: number | null;
  /** Null without an indicator header. */
  indicatorColumns: IndicatorColumns | null;
  indicators: LocatedIndicator[];
  total: { weight: Place; score: Place } | null;
  grade: Place | null;
  /** The last row the table occupies (its grade, total or last indicator row). */
  endRow: number;
  /** The sheet columns it may use (all unless tables stand side by side). */
  columns: { from: number; to: number };
  /** What could not be found, for notices ("no 绩效指标 header"). */
  missing: string[];
}

/** Short texts only: long cells are free text (goals, reasons), never labels. */
const LABEL_MAX = 40;

/** What a short cell text says as a label; worked out once per distinct text (labels repeat in every table). */
interface LabelWord {
  /** Squashed. */
  text: string;
  /** Without a trailing colon ("总分:" → "总分"), as row labels are matched. */
  bare: string;
  /** `bare` without a note in brackets at the end ("总分(100分)" → "总分"). */
  plain: string;
  /** The row label it is, if any: 总分 (and synonyms), 评分等级, 小计. */
  rowLabel: RowLabel | null;
  /** The funds and indicator columns it heads, if it is a header word (matched once per distinct text). */
  funds: HeaderMatch<FundsColumn> | null;
  indicator: HeaderMatch<IndicatorColumn> | null;
}

/** Which header vocabulary a search reads off the labels. */
type HeaderOf<K extends string> = (l: Label) => HeaderMatch<K> | null;
const FUNDS_HEADER: HeaderOf<FundsColumn> = (l) => l.funds;
const INDICATOR_HEADER: HeaderOf<IndicatorColumn> = (l) => l.indicator;

type RowLabel = 'total' | 'grade' | 'subtotal' | 'text' | 'department' | 'agency';

const ROW_LABELS: ReadonlyArray<[RowLabel, readonly string[]]> = [
  ['total', TOTAL_ROW_LABELS], ['grade', GRADE_LABELS], ['subtotal', SUBTOTAL_ROW_LABELS], ['text', TEXT_BLOCK_LABELS],
  ['department', DEPARTMENT_LABELS], ['agency', AGENCY_LABELS],
];

interface Label extends LabelWord {
  col: number;
}

const NO_LABELS: readonly Label[] = [];

const FUNDS_ROW_KINDS = Object.keys(FUNDS_ROW_LABELS) as FundsRowKind[];

function withoutColon(text: string): string {
  const last = text[text.length - 1];
  return last === ':' || last === '：' ? text.slice(0, -1) : text;
}

/**
 * The 项目名称 label as written, with what may follow it in the same cell: a note in brackets
 * (项目名称（全称）), a colon, then the name itself (项目名称：NAME, 项目名称  NAME).
 */
const PROJECT_LABEL_TEXT = new RegExp(
  `^\\s*(?:${PROJECT_LABELS.map((p) => [...p].join('\\s*')).join('|')})\\s*(?:[(（][^)）]*[)）])?\\s*[:：]?\\s*`,
);

/** Whether a cell (raw text, and squashed) is a 项目名称 label, alone or followed by the name. */
function isProjectLabel(raw: string, text: string): boolean {
  for (const p of PROJECT_LABELS) {
    if (!text.startsWith(p)) continue;
    const next = text[p.length];
    if (next === undefined || next === ':' || next === '(') return true;
    const label = PROJECT_LABEL_TEXT.exec(raw);
    if (label && /[\s:：]/.test(label[0].slice(-1))) return true; // "项目名称  NAME"
  }
  return false;
}

/** The points a label prints in brackets: "预算执行情况(10分)" → "10", "得分(满分10分)" → "10" (squashed text). */
export function pointsInLabel(squashed: string): string | null {
  return /\((?:满分|共)?(\d+(?:\.\d+)?)分\)/.exec(squashed)?.[1] ?? null;
}

/** Dashes, slashes and 无 stand for "nothing here" in the form. */
const NOTHING = /^[\s\-—–_/／－无]*$/;

function isBlank(text: string | null): boolean {
  return text === null || NOTHING.test(text);
}

/** A cell holds an entry unless it is empty, blank or a dash. */
function hasEntry(c: Cell | undefined): boolean {
  return c !== undefined && c.value !== null && (typeof c.value !== 'string' || !NOTHING.test(c.value));
}

/** A funds or indicator block that belongs to no table found: said in a notice, never dropped silently. */
export interface StrayBlock {
  kind: 'funds' | 'indicators';
  place: Place;
}

export interface LocatedSheet {
  tables: LocatedTable[];
  strays: StrayBlock[];
}

/**
 * Locate every table on a sheet. Tables are stacked vertically (or stand side by side), each
 * starting at its 项目名称 label; a funds or indicator block that no such table holds starts a
 * table of its own (a form printed without the 项目名称 row), anchored at its first label cell.
 */
export function locateTables(grid: GridView): LocatedSheet {
  /** By row, from the top of the grid. */
  const labels: Array<Label[] | undefined> = new Array(grid.bottom - grid.top + 1);
  const anchors: Anchor[] = [];
  for (let r = grid.top; r <= grid.bottom; r++) {
    let list: Label[] | undefined;
    let projectCols: number[] | undefined;
    // Only the cells that exist: a stray value on XFD1048576 costs one row, not a billion cells.
    const cells = grid.row(r);
    if (!cells) continue;
    for (let j = 0; j < cells.length; j++) {
      const v = cells[j]?.value;
      if (typeof v !== 'string') continue;
      const c = grid.left + j;
      if (v.length > LABEL_MAX * 4) {
        // Free text, never a label — unless a long project name follows 项目名称 in the cell.
        if (PROJECT_LABEL_TEXT.test(v) && isProjectLabel(v, squash(v))) (projectCols ??= []).push(c);
        continue;
      }
      const word = labelWord(v);
      if (!word) continue;
      if (word.project) (projectCols ??= []).push(c);
      if (word.text.length > LABEL_MAX) continue;
      (list ??= []).push(labelAt(word, c));
    }
    labels[r - grid.top] = list;
    // 项目名称 heading a column is no table's anchor: of a funds block (sub-projects), or of a
    // list whose next column is headed too (a 汇总表: 序号 | 项目名称 | 主管部门 | 全年预算数 …).
    if (projectCols && !(list && blockOf(list) === 'funds')) {
      const headed = (col: number) => list?.some((l) => l.col === col && (l.rowLabel !== null || l.funds !== null || l.indicator !== null));
      for (const col of projectCols) if (!headed(col + 1)) anchors.push({ row: r, col, labelled: true });
    }
  }
  let located = locateAnchored(grid, labels, anchors);
  // Blocks outside every table found start tables of their own; a block that then holds no
  // indicator is stray. Each pass anchors at least one more block, so this ends.
  const tried = new Set<string>();
  const strays: StrayBlock[] = [];
  for (;;) {
    const found = unheldBlocks(grid, labels, located).filter((b) => !tried.has(`${b.row}:${b.col}`));
    if (found.length === 0) break;
    for (const b of found) {
      tried.add(`${b.row}:${b.col}`);
      anchors.push({ row: b.row, col: b.col, labelled: false, kind: b.kind });
    }
    anchors.sort((a, b) => a.row - b.row || a.col - b.col);
    located = locateAnchored(grid, labels, anchors);
    for (const t of located) {
      if (t.indicators.length > 0 || t.labelled) continue;
      // An unlabelled block without indicators is no table: said once, and no longer an anchor.
      const i = anchors.findIndex((a) => a.row === t.anchor.row && a.col === t.anchor.col);
      strays.push({ kind: anchors[i].kind!, place: t.anchor });
      anchors.splice(i, 1);
    }
    located = located.filter((t) => t.indicators.length > 0 || t.labelled);
  }
  return { tables: located, strays };
}

interface Anchor {
  row: number;
  col: number;
  /** A 项目名称 label (else the first block of a table printed without one). */
  labelled: boolean;
  kind?: StrayBlock['kind'];
}

/** Which block's header a row's labels are: funds (全年预算数 and 全年执行数) or indicators (三级指标 and one more column). */
function blockOf(list: readonly Label[]): StrayBlock['kind'] | null {
  let full = false;
  let executed = false;
  let name = false;
  let other = false;
  for (const l of list) {
    const f = l.funds?.key;
    if (f === 'full') full = true;
    else if (f === 'executed') executed = true;
    const i = l.indicator?.key;
    if (i === 'name') name = true;
    else if (i === 'weight' || i === 'score' || i === 'target' || i === 'actual') other = true;
  }
  return full && executed ? 'funds' : name && other ? 'indicators' : null;
}

/**
 * Tables are stacked; tables whose anchors stand within a few rows of each other, in other
 * columns, stand side by side and split the columns between them. A band of tables ends where
 * the next band's first anchor starts; the title rows of the next band sit between the end of
 * the band's tables and that anchor.
 */
function locateAnchored(grid: GridView, labels: ReadonlyArray<Label[] | undefined>, anchors: readonly Anchor[]): LocatedTable[] {
  const tables: LocatedTable[] = [];
  let regionTop = grid.top;
  for (let i = 0; i < anchors.length; ) {
    let j = i + 1;
    while (j < anchors.length && anchors[j].row - anchors[i].row <= SIDE_BY_SIDE_ROWS && anchors.slice(i, j).every((a) => a.col !== anchors[j].col)) j++;
    const end = j < anchors.length ? anchors[j].row : grid.bottom + 1;
    const band = anchors.slice(i, j).sort((a, b) => a.col - b.col);
    let bandEnd = regionTop;
    band.forEach((anchor, k) => {
      const columns = { from: k === 0 ? grid.left : anchor.col, to: k + 1 < band.length ? band[k + 1].col - 1 : grid.right };
      const table = new TableLocator(grid, labels, anchor, regionTop, end, columns).locate();
      tables.push(table);
      bandEnd = Math.max(bandEnd, table.endRow + 1);
    });
    regionTop = Math.min(bandEnd, end);
    i = j;
  }
  return tables;
}

/**
 * Block headers on rows no table holds (outside every table's rows, or in its rows but outside
 * its columns), anchored at the header row's first label. Within one run of such rows a funds
 * block after an indicator block starts another table; an indicator block starts one only when
 * no funds block came before it (a header repeated after a page break is not a new table).
 */
function unheldBlocks(grid: GridView, labels: ReadonlyArray<Label[] | undefined>, tables: readonly LocatedTable[]): Array<{ row: number; col: number; kind: StrayBlock['kind'] }> {
  const out: Array<{ row: number; col: number; kind: StrayBlock['kind'] }> = [];
  const byRow = [...tables].sort((a, b) => a.anchor.row - b.anchor.row);
  let next = 0;
  let active: LocatedTable[] = [];
  let state: 'none' | 'funds' | 'indicators' = 'none';
  const heldAt = (l: Label) => active.some((t) => l.col >= t.columns.from && l.col <= t.columns.to);
  for (let r = grid.top; r <= grid.bottom; r++) {
    while (next < byRow.length && byRow[next].anchor.row <= r) active.push(byRow[next++]);
    if (active.some((t) => t.endRow < r)) active = active.filter((t) => t.endRow >= r);
    const list = labels[r - grid.top];
    const held = active.length > 0;
    const free = held ? (list?.some((l) => !heldAt(l)) ? list.filter((l) => !heldAt(l)) : undefined) : list;
    if (!free || free.length === 0) {
      if (held) state = 'none';
      continue;
    }
    const kind = blockOf(free);
    if (!kind) continue;
    const starts = state === 'none' || (kind === 'funds' && state === 'indicators');
    if (starts) out.push({ row: r, col: free[0].col, kind });
    if (starts || kind === 'indicators') state = kind;
  }
  return out;
}

interface Header<K extends string> {
  columns: Partial<Record<K, number>>;
  percent: Partial<Record<K, boolean>>;
}

/**
 * The columns one header row names. In a row the preferred word wins (分值 over 权重), else the
 * first column; the lower row of a two-row header (`over`) names its columns over the upper's.
 */
function nameColumns<K extends string>(header: Header<K>, labels: readonly Label[], headerOf: HeaderOf<K>, over: boolean): void {
  const rank: Partial<Record<K, number>> = {};
  for (const l of labels) {
    const match = headerOf(l);
    if (!match) continue;
    const { key } = match;
    const ranked = rank[key];
    if (ranked === undefined ? !over && header.columns[key] !== undefined : ranked <= match.rank) continue;
    rank[key] = match.rank;
    header.columns[key] = l.col;
    header.percent[key] = match.percent;
  }
}

function isComplete<K extends string>(header: Header<K>, required: readonly K[]): boolean {
  return required.every((k) => header.columns[k] !== undefined);
}

/** Anchors this many rows apart or fewer, in other columns, belong to tables side by side (one may have an extra title line). */
const SIDE_BY_SIDE_ROWS = 3;

const GRADE_LABELS_LONGEST_FIRST = [...GRADE_LABELS].sort((a, b) => b.length - a.length);

/** The grade of a "评分等级：良" or "评分等级 良" cell (squashed), or null when the cell is no such label. */
export function inlineGrade(squashed: string): string | null {
  const colon = squashed.indexOf(':');
  if (colon > 0 && GRADE_LABELS.includes(squashed.slice(0, colon))) {
    const rest = squashed.slice(colon + 1);
    return rest === '' ? null : rest;
  }
  for (const label of GRADE_LABELS_LONGEST_FIRST) {
    if (squashed.length > label.length && squashed.startsWith(label) && readGrade(squashed.slice(label.length)) !== null) return squashed.slice(label.length);
  }
  return null;
}

/** A row label, a note in brackets aside ("总分（100分）" is 总分). */
function labelIs(l: Pick<LabelWord, 'bare' | 'plain'>, words: readonly string[]): boolean {
  return words.includes(l.bare) || (l.plain !== l.bare && words.includes(l.plain));
}

/** A cell text's label word, and the labels it has made (one object per column: labels are never changed, so every sheet shares them). */
interface CachedWord extends LabelWord {
  project: boolean;
  atCol: Label[];
}

const labelWords = new Map<string, CachedWord | null>();
const LABEL_CACHE_SIZE = 20000;

/** The label `word` makes in column `col`. */
function labelAt(word: CachedWord, col: number): Label {
  return (word.atCol[col] ??= { col, text: word.text, bare: word.bare, plain: word.plain, rowLabel: word.rowLabel, funds: word.funds, indicator: word.indicator });
}

function labelWord(v: string): CachedWord | null {
  let word = labelWords.get(v);
  if (word === undefined) {
    const text = squash(v);
    const bare = withoutColon(text);
    const plain = bare.endsWith(')') ? bare.replace(/\([^()]*\)$/, '') : bare;
    const rowLabel = ROW_LABELS.find(([, words]) => labelIs({ bare, plain }, words))?.[0] ?? null;
    word = text
      ? {
          text, bare, plain, rowLabel, project: isProjectLabel(v, text),
          funds: matchHeader(text, FUNDS_HEADERS), indicator: matchHeader(text, INDICATOR_HEADERS), atCol: [],
        }
      : null;
    if (labelWords.size >= LABEL_CACHE_SIZE) labelWords.clear();
    labelWords.set(v, word);
  }
  return word;
}

/**
 * Where the values sit under an indicator header. 年度指标值 and 实际完成值, when their headers
 * are not recognised, are the first unrecognised header columns right of 三级指标 (columns
 * without a header are skipped), else the columns right after it.
 */
function valueColumnsOf(columns: Partial<Record<IndicatorColumn, number>>, headerLabels: readonly Label[]): IndicatorColumns {
  const name = columns.name!;
  const known = new Set(Object.values<number | undefined>(columns));
  const unnamed = headerLabels.filter((l) => l.col > name && !known.has(l.col) && l.col < columns.score!).map((l) => l.col);
  const target = columns.target ?? unnamed.shift() ?? name + 1;
  const actual = columns.actual ?? unnamed.find((c) => c > target) ?? target + 1;
  return { name, target, actual, weight: columns.weight!, score: columns.score!, comparator: columns.comparator, unit: columns.unit };
}

class TableLocator {
  private readonly missing: string[] = [];

  constructor(
    private readonly grid: GridView,
    private readonly labels: ReadonlyArray<Label[] | undefined>,
    private readonly anchorAt: Anchor,
    /** First row after the previous table (title rows of this table may sit there). */
    private readonly regionTop: number,
    /** First row of the next table. */
    private readonly regionEnd: number,
    /** The table's columns (all of the sheet's unless tables stand side by side). */
    private readonly columns: { from: number; to: number },
  ) {}

  locate(): LocatedTable {
    const { row, col } = this.anchorAt;
    const funds = this.locateFunds();
    const indicatorHeader = this.findHeaderRow(INDICATOR_HEADER, ['name', 'weight', 'score']);
    const indicatorColumns = indicatorHeader ? indicatorHeader.columns : null;
    const valueColumns = indicatorColumns ? valueColumnsOf(indicatorColumns, indicatorHeader!.labels) : null;
    const { indicators, endRow } = indicatorColumns
      ? this.locateIndicators(indicatorHeader!.row, indicatorColumns, valueColumns!)
      : { indicators: [], endRow: this.regionEnd };
    if (!funds) this.missing.push('funds');
    if (!indicatorHeader) this.missing.push('indicators');
    const total = indicatorColumns ? this.locateTotal(endRow, indicatorColumns) : null;
    if (indicatorColumns && !total) this.missing.push('total');
    const grade = this.locateGrade(endRow, indicatorColumns);
    const lastRow = Math.max(row, funds?.headerRow ?? row, indicators.length ? indicators[indicators.length - 1].row : row, total?.score.row ?? row, grade?.row ?? row);
    const headerRows = [funds?.headerRow, indicatorHeader?.row].filter((r): r is number => r !== undefined);
    return {
      sheet: this.grid.name,
      anchor: this.place(row, col),
      labelled: this.anchorAt.labelled,
      form: identifyForm(this.formWords(headerRows, [...Object.values(funds?.rows ?? {}), endRow])).id,
      project: this.anchorAt.labelled ? this.projectName() : this.titleProject(),
      department: this.office('department', funds?.headerRow ?? indicatorHeader?.row ?? row),
      agency: this.office('agency', funds?.headerRow ?? indicatorHeader?.row ?? row),
      year: this.year(),
      moneyUnit: this.moneyUnit(funds),
      funds,
      indicatorHeaderRow: indicatorHeader ? indicatorHeader.row : null,
      indicatorColumns: valueColumns,
      indicators,
      total,
      grade,
      endRow: lastRow,
      columns: this.columns,
      missing: this.missing,
    };
  }

  /** The words that tell forms apart: the header rows' labels (and the row above each, for two-row headers) and the block labels left of them. */
  private formWords(headerRows: readonly number[], extraRows: readonly number[]): string[] {
    const words: string[] = [];
    const add = (l: Label) => {
      if (identifiesForm(l.text)) words.push(l.text);
      if (l.plain !== l.text && identifiesForm(l.plain)) words.push(l.plain);
    };
    for (const r of headerRows) {
      for (let k = Math.max(this.regionTop, r - 1); k <= r; k++) for (const l of this.labelsAt(k)) add(l);
    }
    // The funds block's row labels (总额, 财政专户管理资金) and the text block after the indicators (评价结论).
    for (const r of extraRows) if (r < this.regionEnd) for (const l of this.labelsAt(r)) add(l);
    return words;
  }

  /**
   * 主管部门 or 实施单位: the text right of its label (or after its colon), between the anchor
   * and the first block header — never another label of that row.
   */
  private office(kind: 'department' | 'agency', before: number): string | null {
    for (let r = this.anchorAt.row; r <= before; r++) {
      for (const l of this.labelsAt(r)) {
        if (l.rowLabel === kind) {
          const value = this.valueRightOf(r, l.col);
          if (!value) return null;
          const word = labelWord(value.text);
          return word && (word.rowLabel === 'department' || word.rowLabel === 'agency') ? null : value.text;
        }
        const words = kind === 'department' ? DEPARTMENT_LABELS : AGENCY_LABELS;
        const inline = words.find((w) => l.text.startsWith(w + ':'));
        if (inline) return tidy(String(this.grid.cell(r, l.col)?.value ?? '').replace(/^[^:：]*[:：]/, '')) || null;
      }
    }
    return null;
  }

  /** A table printed without 项目名称: its project is named by the title above it ("XX项目绩效自评表"), if one does. */
  private titleProject(): string | null {
    for (let r = this.anchorAt.row - 1; r >= Math.max(this.regionTop, this.anchorAt.row - 4); r--) {
      for (let c = this.columns.from; c <= this.columns.to; c++) {
        const v = this.grid.cell(r, c)?.value;
        if (typeof v !== 'string' || !squash(v).includes('自评表')) continue;
        const name = tidy(v)
          .replace(/[(（]\s*\d{4}\s*年度?\s*[)）]/g, '')
          .replace(/\d{4}\s*年度?/g, '')
          .replace(/的?(?:财政)?(?:部门预算)?(?:项目)?(?:支出)?绩效(?:目标)?自评表.*$/, '')
          .replace(/^[\s:：、“”"']+|[\s:：、“”"']+$/g, '');
        return name === '' ? null : name;
      }
    }
    return null;
  }

  private labelsAt(row: number): readonly Label[] {
    const all = this.labels[row - this.grid.top] ?? NO_LABELS;
    const { from, to } = this.columns;
    if (all.length === 0 || (all[0].col >= from && all[all.length - 1].col <= to)) return all;
    return all.filter((l) => l.col >= from && l.col <= to);
  }

  private place(row: number, col: number): Place {
    return placeAt(this.grid, row, col);
  }

  private text(row: number, col: number): string | null {
    const v = this.grid.cell(row, col)?.value;
    if (v === null || v === undefined) return null;
    const s = tidy(String(v));
    return s === '' ? null : s;
  }

  /** Text of a cell, or of the merged area covering it. */
  private mergedText(row: number, col: number): string | null {
    const own = this.text(row, col);
    if (own !== null) return own;
    const m: CellRange | undefined = this.grid.mergeAt(row, col);
    return m ? this.text(m.top, m.left) : null;
  }

  /** The first non-empty cell right of (row, col), skipping the label's own merged area. */
  private valueRightOf(row: number, col: number): { col: number; text: string } | null {
    const m = this.grid.mergeAt(row, col);
    const from = m ? m.right + 1 : col + 1;
    for (let c = from; c <= this.columns.to; c++) {
      const t = this.text(row, c);
      if (t !== null) return { col: c, text: t };
    }
    return null;
  }

  private projectName(): string | null {
    const { row, col } = this.anchorAt;
    const inline = tidy(String(this.grid.cell(row, col)?.value ?? '').replace(PROJECT_LABEL_TEXT, ''));
    return inline || (this.valueRightOf(row, col)?.text ?? null);
  }

  private year(): string | null {
    const from = Math.max(this.regionTop, this.anchorAt.row - 3);
    for (let r = from; r <= this.anchorAt.row; r++) {
      for (const l of this.labelsAt(r)) {
        const m = /(\d{4})年度?/.exec(l.text);
        if (m) return m[1];
      }
    }
    return null;
  }

  private moneyUnit(funds: LocatedFunds | null): '元' | '万元' | null {
    const last = funds ? funds.headerRow + 1 : this.regionEnd;
    for (let r = this.anchorAt.row; r < Math.min(last + 1, this.regionEnd); r++) {
      for (const l of this.labelsAt(r)) {
        if (!FUNDS_BLOCK_LABELS.some((w) => l.text.includes(w)) && !/\((万元|元)\)/.test(l.text)) continue;
        const m = /\(?(万元|元)\)?/.exec(l.text);
        if (m) return m[1] as '元' | '万元';
      }
    }
    return null;
  }

  /**
   * The first row whose labels name all `required` columns of its vocabulary — or a header over two
   * rows (自评情况 above 分值 | 得分): a row naming some of them, completed by the row below.
   * `row` is the header's last row; `labels` are its labels, both rows' for a two-row header.
   */
  private findHeaderRow<K extends string>(
    headerOf: HeaderOf<K>,
    required: readonly K[],
    from = this.anchorAt.row,
  ): { row: number; columns: Partial<Record<K, number>>; percent: Partial<Record<K, boolean>>; labels: readonly Label[] } | null {
    for (let r = from; r < this.regionEnd; r++) {
      const list = this.labelsAt(r);
      if (!list.some((l) => headerOf(l) !== null)) continue;
      const header: Header<K> = { columns: {}, percent: {} };
      nameColumns(header, list, headerOf, false);
      const below = r + 1 < this.regionEnd ? this.labelsAt(r + 1) : NO_LABELS;
      if (isComplete(header, required)) {
        // A row below made of header words only refines it (预算数 above 年初 | 全年).
        if (below.length === 0 || !below.every((l) => headerOf(l) !== null)) return { row: r, ...header, labels: list };
        nameColumns(header, below, headerOf, true);
        return { row: r + 1, ...header, labels: [...list, ...below] };
      }
      if (below.length === 0) continue;
      // A row that is a header by itself is not the second half of this one (年度总体目标's
      // 实际完成情况 above the indicator header): it is found on the next turn.
      if (this.namesAll(below, headerOf, required)) continue;
      nameColumns(header, below, headerOf, true);
      if (isComplete(header, required)) return { row: r + 1, ...header, labels: [...list, ...below] };
    }
    return null;
  }

  private namesAll<K extends string>(labels: readonly Label[], headerOf: HeaderOf<K>, required: readonly K[]): boolean {
    return required.every((k) => labels.some((l) => headerOf(l)?.key === k));
  }

  private locateFunds(): LocatedFunds | null {
    const header = this.findHeaderRow(FUNDS_HEADER, ['full', 'executed']);
    if (!header) return null;
    const firstValueCol = Math.min(...Object.values<number>(header.columns as Record<string, number>));
    const rows: Partial<Record<FundsRowKind, number>> = {};
    const last = Math.min(this.regionEnd, header.row + 12);
    for (let r = header.row + 1; r < last; r++) {
      const list = this.labelsAt(r);
      for (const l of list) {
        if (l.col >= firstValueCol) continue;
        const text = l.bare;
        for (const kind of FUNDS_ROW_KINDS) {
          if (rows[kind] !== undefined) continue;
          const words: readonly string[] = FUNDS_ROW_LABELS[kind];
          if (words.some((w) => text === w || (w.length > 3 && text.includes(w)))) rows[kind] = r;
        }
      }
      if (list.some((l) => l.indicator?.key === 'name')) break;
    }
    if (rows.total === undefined) {
      // No 年度资金总额 label: the first row with both amounts is the total.
      for (let r = header.row + 1; r < last; r++) {
        if (cellAmount(this.grid.cell(r, header.columns.full!)) && cellAmount(this.grid.cell(r, header.columns.executed!))) {
          rows.total = r;
          break;
        }
      }
    }
    return { headerRow: header.row, columns: header.columns, ratePercentHeader: !!header.percent.rate, rows, weightLabel: this.weightLabel(header) };
  }

  /** The budget's points printed in the funds block's label or its header (only where no column holds them). */
  private weightLabel(header: { row: number; columns: Partial<Record<FundsColumn, number>> }): Place | null {
    if (header.columns.weight !== undefined) return null;
    for (let r = Math.max(this.regionTop, header.row - 1); r <= header.row; r++) {
      for (const l of this.labelsAt(r)) {
        if (pointsInLabel(l.text) === null) continue;
        const key = l.funds?.key;
        if (key === 'score' || key === 'rate' || FUNDS_BLOCK_LABELS.some((w) => l.text.includes(w))) return this.place(r, l.col);
      }
    }
    return null;
  }

  /** The column of a `kind` row label left of `beforeCol` on this row, if there is one. */
  /** What ends or interrupts the indicator block on a row: a 总分, 评分等级, text-block or 小计 label left of `beforeCol`, or a funds header. */
  private rowKind(row: number, beforeCol: number): 'total' | 'grade' | 'text' | 'subtotal' | 'funds' | null {
    const list = this.labelsAt(row);
    if (list.length === 0) return null;
    let subtotal = false;
    for (const l of list) {
      const k = l.rowLabel;
      if (l.col >= beforeCol || k === null) continue;
      if (k === 'total' || k === 'grade' || k === 'text') return k;
      if (k === 'subtotal') subtotal = true;
    }
    return blockOf(list) === 'funds' ? 'funds' : subtotal ? 'subtotal' : null;
  }

  private isLabelRow(row: number, kind: RowLabel, beforeCol: number): number | null {
    for (const l of this.labelsAt(row)) {
      if (l.rowLabel === kind && l.col < beforeCol) return l.col;
    }
    return null;
  }

  private locateIndicators(
    headerRow: number,
    columns: Partial<Record<IndicatorColumn, number>>,
    { name: nameCol, weight: weightCol, score: scoreCol }: IndicatorColumns,
  ): { indicators: LocatedIndicator[]; endRow: number } {
    const indicators: LocatedIndicator[] = [];
    let level1: string | null = null;
    let level2: string | null = null;
    const firstValueCol = Math.min(weightCol, scoreCol);
    let r = headerRow + 1;
    for (; r < this.regionEnd; r++) {
      // 总分, 评分等级, free-text blocks (评价结论, 存在问题) and the next table's funds block end the indicators.
      const kind = this.rowKind(r, firstValueCol);
      if (kind !== null && kind !== 'subtotal') break;
      const l1 = columns.level1 !== undefined ? this.mergedText(r, columns.level1) : null;
      const l2 = columns.level2 !== undefined ? this.mergedText(r, columns.level2) : null;
      if (l1 !== null && l1 !== level1) {
        level1 = l1;
        level2 = null;
      }
      if (l2 !== null) level2 = l2;
      const name = this.text(r, nameCol);
      const weight = this.grid.cell(r, weightCol);
      const score = this.grid.cell(r, scoreCol);
      // Not indicators: rows with nothing but dashes (an empty 二级 row), 小计 rows, and the
      // header repeated after a page break.
      if (isBlank(name) && !hasEntry(weight) && !hasEntry(score)) continue;
      if (kind === 'subtotal') continue;
      if (name !== null && matchHeader(squash(name), INDICATOR_HEADERS)?.key === 'name') continue;
      indicators.push({ row: r, level1, level2 });
    }
    return { indicators, endRow: r };
  }

  private locateTotal(
    from: number,
    columns: Partial<Record<IndicatorColumn, number>>,
  ): { weight: Place; score: Place } | null {
    const weightCol = columns.weight!;
    const scoreCol = columns.score!;
    for (let r = from; r < Math.min(this.regionEnd, from + 4); r++) {
      const labelCol = this.isLabelRow(r, 'total', Math.min(weightCol, scoreCol));
      if (labelCol === null) continue;
      if (cellPoints(this.grid.cell(r, weightCol)) || cellPoints(this.grid.cell(r, scoreCol))) {
        return { weight: this.place(r, weightCol), score: this.place(r, scoreCol) };
      }
      // Values not under the columns: the first two numbers right of the label.
      const numbers: number[] = [];
      for (let c = labelCol + 1; c <= this.columns.to && numbers.length < 2; c++) {
        if (cellPoints(this.grid.cell(r, c))) numbers.push(c);
      }
      if (numbers.length === 2) return { weight: this.place(r, numbers[0]), score: this.place(r, numbers[1]) };
      return { weight: this.place(r, weightCol), score: this.place(r, scoreCol) };
    }
    return null;
  }

  private locateGrade(from: number, columns: Partial<Record<IndicatorColumn, number>> | null): Place | null {
    for (let r = from; r < Math.min(this.regionEnd, from + 5); r++) {
      for (const l of this.labelsAt(r)) {
        if (inlineGrade(l.text) !== null) return this.place(r, l.col); // "评分等级：良" in one cell
        if (l.rowLabel !== 'grade') continue;
        const value = this.valueRightOf(r, l.col);
        if (value) return this.place(r, value.col);
        const col = columns?.weight ?? l.col + 1;
        return this.place(r, col);
      }
    }
    return null;
  }
}
