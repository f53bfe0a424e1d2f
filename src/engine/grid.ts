/**
 * The engine's input: one worksheet as a grid of cells. Adapters (Office.js, .xlsx files)
 * fill it; the engine never sees Office or files.
 */

/** Raw cell value as Excel stores it. Dates arrive as serial numbers. */
export type CellValue = number | string | boolean | null;

export interface Cell {
  /** The stored value (a formula cell gives its last calculated value). */
  value: CellValue;
  /** Displayed text, when the host knows it (e.g. "78.24%"). Optional. */
  text?: string;
  /** Number format code, e.g. "0.00%", "#,##0.00". Optional; "General" when unknown. */
  format?: string;
  /** True when the cell holds a formula (its `value` is then the cached result). */
  formula?: boolean;
}

/** A rectangular area, 0-based and inclusive, in sheet coordinates. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * One worksheet. `cells[i][j]` is the cell at sheet row `top + i`, column `left + j`
 * (0-based), so a used range that does not start at A1 needs no padding. Rows may be
 * ragged and entries may be missing (= empty cell).
 */
export interface SheetGrid {
  name: string;
  cells: ReadonlyArray<ReadonlyArray<Cell | null | undefined> | undefined>;
  top?: number;
  left?: number;
  /** Merged areas, if the host could read them without side effects. May be absent. */
  merges?: ReadonlyArray<CellRange>;
}

const A = 'A'.charCodeAt(0);

/** 0-based column index → letters (0 → "A", 26 → "AA"). */
export function columnName(col: number): string {
  return COLUMN_NAMES[col] ?? lettersOf(col);
}

function lettersOf(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(A + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Every cell address names its column: the first columns (A to ZZ) are spelt once. */
const COLUMN_NAMES: readonly string[] = Array.from({ length: 26 * 27 }, (_, col) => lettersOf(col));

/** 0-based row and column → "B12". */
export function toA1(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

/** "B12" (optionally "$B$12") → 0-based { row, col }; null when not an A1 address. */
export function fromA1(a1: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(a1.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - A + 1);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** Merged areas of more cells than this are not indexed cell by cell. */
const LARGE_MERGE = 4096;

/** Random access over a SheetGrid in sheet coordinates. */
export class GridView {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly cells: SheetGrid['cells'];
  private readonly mergeTopLeft = new Map<number, CellRange>();
  /** Merged areas too large to index cell by cell (a merge over whole rows or columns): looked up one by one. */
  private readonly largeMerges: CellRange[] = [];
  readonly hasMerges: boolean;

  constructor(sheet: SheetGrid) {
    this.name = sheet.name;
    this.top = sheet.top ?? 0;
    this.left = sheet.left ?? 0;
    this.cells = sheet.cells;
    let width = 0;
    for (const row of sheet.cells) if (row && row.length > width) width = row.length;
    this.bottom = this.top + sheet.cells.length - 1;
    this.right = this.left + width - 1;
    this.hasMerges = !!sheet.merges && sheet.merges.length > 0;
    for (const m of sheet.merges ?? []) {
      if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > LARGE_MERGE) {
        this.largeMerges.push(m);
        continue;
      }
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) this.mergeTopLeft.set(r * 16384 + c, m);
      }
    }
  }

  /** The cells of a row, by column offset from `left` (undefined for a row without cells): iterate these, not every column. */
  row(row: number): ReadonlyArray<Cell | null | undefined> | undefined {
    return this.cells[row - this.top];
  }

  cell(row: number, col: number): Cell | undefined {
    const r = this.cells[row - this.top];
    return (r && r[col - this.left]) || undefined;
  }

  /** The merged area covering (row, col), if known. */
  mergeAt(row: number, col: number): CellRange | undefined {
    const m = this.mergeTopLeft.get(row * 16384 + col);
    if (m || this.largeMerges.length === 0) return m;
    return this.largeMerges.find((l) => row >= l.top && row <= l.bottom && col >= l.left && col <= l.right);
  }
}
