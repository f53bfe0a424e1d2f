/**
 * Node only: an .xlsx file → the stand-in's workbook (values as Excel caches them, number
 * formats, formulas). Kept apart from excel-standin.ts so the stand-in stays browser-safe.
 */
import * as XLSX from '@e965/xlsx';
import type { Scalar, StandInSheet, StandInWorkbook } from './excel-standin';

export function loadFixture(file: string): StandInWorkbook {
  const wb = XLSX.readFile(file, { cellNF: true, cellFormula: true, cellDates: false });
  return { sheets: wb.SheetNames.map((name) => toSheet(name, wb.Sheets[name])) };
}

function toSheet(name: string, ws: XLSX.WorkSheet): StandInSheet {
  if (!ws['!ref']) return { name, cells: [] };
  const range = XLSX.utils.decode_range(ws['!ref']);
  const cells: Scalar[][] = [];
  const formats: string[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const values: Scalar[] = [];
    const fmt: string[] = [];
    const fx: (string | null)[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) {
      const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      values.push(cellValue(cell));
      fmt.push(cell?.z === undefined ? 'General' : String(cell.z));
      fx.push(cell?.f ? `=${cell.f}` : null);
    }
    cells.push(values);
    formats.push(fmt);
    formulas.push(fx);
  }
  return { name, origin: XLSX.utils.encode_cell(range.s), cells, formats, formulas };
}

function cellValue(cell: XLSX.CellObject | undefined): Scalar {
  if (!cell || cell.t === 'z' || cell.v === undefined) return null;
  if (cell.t === 'e') return cell.w ?? '#N/A'; // Excel reports errors as their text
  return cell.v as string | number | boolean;
}
