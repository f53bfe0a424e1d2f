/**
 * Metamorphic tests: the fixtures' tables moved, widened, split and retyped must give the
 * same tables, indicator cells and errors, at the moved addresses.
 */
import { Cell, checkWorkbook, fromA1, SheetGrid, toA1 } from '../../src/engine';
import { readWorkbook } from '../../src/xlsx/read';
import { Fixture, allFixtures } from '../support/fixtures';

type Move = (sheet: string, a1: string) => { sheet: string; a1: string };

interface Variant {
  name: string;
  apply: (sheets: SheetGrid[], fx: Fixture) => { sheets: SheetGrid[]; move: Move };
}

const rowsOf = (g: SheetGrid) => g.cells.map((r) => [...(r ?? [])]);

const shiftAddress = (a1: string, dr: number, dc: (col: number) => number) => {
  const p = fromA1(a1)!;
  return toA1(p.row + dr, dc(p.col));
};

/** The text a person sees for a number: what "numbers stored as text" workbooks hold. */
function asText(c: Cell): Cell {
  if (typeof c.value !== 'number') return c;
  const f = c.format ?? '';
  const d = /0\.(0+)/.exec(f)?.[1].length ?? null;
  let s: string;
  if (f.includes('%')) s = (c.value * 100).toFixed(d ?? 0) + '%';
  else if (d !== null) s = c.value.toFixed(d);
  else s = String(c.value);
  if (f.includes('#,##')) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return { value: s };
}

const variants: Variant[] = [
  {
    name: 'offset by 3 rows and 2 columns',
    apply: (sheets) => ({
      sheets: sheets.map((g) => ({ ...g, cells: [[], [], [], ...rowsOf(g).map((r) => [null, null, ...r])], merges: g.merges?.map((m) => ({ top: m.top + 3, bottom: m.bottom + 3, left: m.left + 2, right: m.right + 2 })) })),
      move: (sheet, a1) => ({ sheet, a1: shiftAddress(a1, 3, (c) => c + 2) }),
    }),
  },
  {
    name: 'same offset through top/left instead of padding (a used range not at A1)',
    apply: (sheets) => ({
      sheets: sheets.map((g) => ({ ...g, top: 5, left: 1, merges: g.merges?.map((m) => ({ top: m.top + 5, bottom: m.bottom + 5, left: m.left + 1, right: m.right + 1 })) })),
      move: (sheet, a1) => ({ sheet, a1: shiftAddress(a1, 5, (c) => c + 1) }),
    }),
  },
  {
    name: 'an extra 序号 column inserted after column A',
    apply: (sheets) => ({
      sheets: sheets.map((g) => ({
        ...g,
        cells: rowsOf(g).map((r) => {
          const serial: Cell | null = r.some((c) => c && c.value === '一级指标') ? { value: '序号' } : null;
          return [r[0] ?? null, serial, ...r.slice(1)];
        }),
        merges: g.merges?.map((m) => ({ ...m, left: m.left >= 1 ? m.left + 1 : m.left, right: m.right >= 1 ? m.right + 1 : m.right })),
      })),
      move: (sheet, a1) => ({ sheet, a1: shiftAddress(a1, 0, (c) => (c >= 1 ? c + 1 : c)) }),
    }),
  },
  {
    name: 'numbers stored as text, as displayed',
    apply: (sheets) => ({
      sheets: sheets.map((g) => ({ ...g, cells: rowsOf(g).map((r) => r.map((c) => (c ? asText(c) : c))) })),
      move: (sheet, a1) => ({ sheet, a1 }),
    }),
  },
  {
    name: 'merge information absent',
    apply: (sheets) => ({ sheets: sheets.map((g) => ({ ...g, merges: undefined })), move: (sheet, a1) => ({ sheet, a1 }) }),
  },
  {
    name: 'one table per sheet',
    apply: (sheets, fx) => {
      const out: SheetGrid[] = [];
      const starts = new Map<string, { sheet: string; row: number }>();
      for (const g of sheets) {
        const anchors = fx.key.tables.filter((t) => t.sheet === g.name).map((t) => fromA1(t.anchor)!.row);
        anchors.forEach((row, i) => {
          const end = i + 1 < anchors.length ? anchors[i + 1] : g.cells.length;
          const name = `${g.name}-${i + 1}`;
          out.push({ name, cells: g.cells.slice(row, end) });
          starts.set(`${g.name}:${i}`, { sheet: name, row });
        });
      }
      const move: Move = (sheet, a1) => {
        const r = fromA1(a1)!.row;
        const tables = fx.key.tables.filter((t) => t.sheet === sheet).map((t) => fromA1(t.anchor)!.row);
        let i = 0;
        while (i + 1 < tables.length && tables[i + 1] <= r) i++;
        const s = starts.get(`${sheet}:${i}`)!;
        return { sheet: s.sheet, a1: shiftAddress(a1, -s.row, (c) => c) };
      };
      return { sheets: out, move };
    },
  },
];

describe.each(allFixtures().map((f) => [f.name, f] as const))('%s', (_name, fx) => {
  test.each(variants.map((v) => [v.name, v] as const))('%s', (_v, variant) => {
    const { sheets, move } = variant.apply(readWorkbook(fx.bytes), fx);
    const report = checkWorkbook(sheets);
    const at = (sheet: string, a1: string) => {
      const m = move(sheet, a1);
      return `${m.sheet}!${m.a1}`;
    };
    expect(report.tables.map((t) => `${t.sheet}!${t.anchor}`)).toEqual(fx.key.tables.map((t) => at(t.sheet, t.anchor)));
    expect(report.tables.flatMap((t) => t.indicators.map((i) => `${t.sheet}!${i.score.cell}`))).toEqual(
      fx.key.tables.flatMap((t) => t.indicators.map((i) => at(t.sheet, i.scoreCell))),
    );
    const truth = fx.key.tables.flatMap((t) => t.truth.map((x) => at(x.sheet, x.cell))).sort();
    const errors = [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.sheet}!${f.cell}`))].sort();
    expect(errors).toEqual(truth);
  });
});
