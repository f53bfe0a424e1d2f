/**
 * A reviewer's workbook collects several offices' tables: each office is scored by its own
 * convention where its tables show one (scoring-rules.md §5). The five seed offices' tables,
 * unchanged, one office per sheet and all on one sheet, must give the same errors and no more
 * rounding warnings than the five workbooks checked one at a time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkWorkbook, type Finding, type SheetGrid } from '../../src/engine';
import { readWorkbook } from '../../src/xlsx/read';
import { FIXTURES_DIR, SEED_FIXTURES_DIR } from '../support/fixtures';

const OFFICES: Array<[office: string, file: string]> = [
  ['市政府办公厅', path.join(FIXTURES_DIR, '000-stacked-official.xlsx')],
  ['普陀区', path.join(SEED_FIXTURES_DIR, '001-stacked-official.xlsx')],
  ['宝山区', path.join(SEED_FIXTURES_DIR, '002-stacked-official.xlsx')],
  ['青浦区', path.join(SEED_FIXTURES_DIR, '003-stacked-official.xlsx')],
  ['闵行区', path.join(FIXTURES_DIR, '004-stacked-official.xlsx')],
];

const grids = OFFICES.map(([office, file]) => {
  const sheets = readWorkbook(fs.readFileSync(file));
  expect(sheets).toHaveLength(1);
  return { office, grid: sheets[0] };
});

/** The grids one under another on one sheet, `gap` empty rows apart; with each grid's first row. */
function stacked(name: string, parts: readonly SheetGrid[], gap = 3): { sheet: SheetGrid; offsets: number[] } {
  const cells: SheetGrid['cells'][number][] = [];
  const merges: NonNullable<SheetGrid['merges']>[number][] = [];
  const offsets: number[] = [];
  for (const g of parts) {
    const offset = cells.length;
    offsets.push(offset);
    const top = g.top ?? 0;
    const left = g.left ?? 0;
    for (let i = 0; i < top; i++) cells.push([]);
    for (const row of g.cells) cells.push(row ? [...new Array(left).fill(null), ...row] : []);
    for (const m of g.merges ?? []) merges.push({ top: m.top + offset, bottom: m.bottom + offset, left: m.left, right: m.right });
    for (let i = 0; i < gap; i++) cells.push([]);
  }
  return { sheet: { name, cells, merges }, offsets };
}

const count = (findings: readonly Finding[], severity: string) => findings.filter((f) => f.severity === severity).length;

const alone = grids.map(({ grid }) => checkWorkbook([grid]));

test('checked alone, the offices follow different conventions', () => {
  expect(new Set(alone.map((r) => r.profile.id)).size).toBeGreaterThanOrEqual(3);
});

test('one office per sheet: each table scored by its office, no more warnings than alone, the same errors', () => {
  const report = checkWorkbook(grids.map(({ office, grid }) => ({ ...grid, name: office })));
  expect(count(report.findings, 'warning')).toBeLessThanOrEqual(alone.reduce((n, r) => n + count(r.findings, 'warning'), 0));
  const errors = (findings: readonly Finding[], sheet?: string) => findings.filter((f) => f.severity === 'error').map((f) => `${sheet ?? f.sheet}!${f.cell} ${f.code}`);
  expect(errors(report.findings).sort()).toEqual(alone.flatMap((r, i) => errors(r.findings, grids[i].office)).sort());
  // Each table says which profile scored it: its office's own where that differs from the workbook's.
  grids.forEach(({ office }, i) => {
    for (const t of report.tables.filter((x) => x.sheet === office)) {
      expect(t.profile.id).toBe(alone[i].profile.id);
      expect(t.profile.chosen).toBe(alone[i].profile.id === report.profile.id ? 'auto' : 'office');
    }
  });
});

test('all on one sheet: offices told apart by 主管部门, no more warnings than alone', () => {
  const { sheet, offsets } = stacked('汇总', grids.map((g) => g.grid));
  const report = checkWorkbook([sheet]);
  expect(report.tables).toHaveLength(alone.reduce((n, r) => n + r.tables.length, 0));
  expect(count(report.findings, 'warning')).toBeLessThanOrEqual(alone.reduce((n, r) => n + count(r.findings, 'warning'), 0));
  expect(count(report.findings, 'error')).toBe(alone.reduce((n, r) => n + count(r.findings, 'error'), 0));
  const rowOf = (a1: string) => Number(/\d+/.exec(a1)![0]);
  alone.forEach((r, i) => {
    for (const t of r.tables) {
      const moved = report.tables.find((x) => rowOf(x.anchor) === rowOf(t.anchor) + offsets[i]);
      expect(moved?.profile.id).toBe(r.profile.id);
    }
  });
});

test('one 主管部门 over several 实施单位: the units are the offices', () => {
  const relabelled = grids.map(({ office, grid }) => ({
    ...grid,
    cells: grid.cells.map((row) => {
      const out = row ? [...row] : [];
      out.forEach((cell, c) => {
        if (cell?.value === '主管部门') out[c + 2] = { value: '某市财政局' };
        if (cell?.value === '实施单位') out[c + 1] = { value: office };
      });
      return out;
    }),
  }));
  const { sheet } = stacked('汇总', relabelled);
  const report = checkWorkbook([sheet]);
  expect(new Set(report.tables.map((t) => t.department))).toEqual(new Set(['某市财政局']));
  expect(count(report.findings, 'warning')).toBeLessThanOrEqual(alone.reduce((n, r) => n + count(r.findings, 'warning'), 0));
  expect(new Set(report.tables.map((t) => t.profile.id)).size).toBe(new Set(alone.map((r) => r.profile.id)).size);
});

test('one convention for every office when the user picks it', () => {
  const report = checkWorkbook(grids.map(({ office, grid }) => ({ ...grid, name: office })), { profile: 'national' });
  expect(new Set(report.tables.map((t) => `${t.profile.id}/${t.profile.chosen}`))).toEqual(new Set(['national/user']));
});
