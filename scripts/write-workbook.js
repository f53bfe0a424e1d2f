'use strict';
// Engine grids → an .xlsx file (values, number formats, merged areas), with SheetJS.
// Used to build the example workbook and the benchmarks' generated workbooks.
const XLSX = require('@e965/xlsx');

function toWorksheet(sheet) {
  const ws = {};
  let maxR = 0;
  let maxC = 0;
  sheet.cells.forEach((row, r) =>
    (row || []).forEach((cell, c) => {
      if (!cell || cell.value === null) return;
      const v = cell.value;
      ws[XLSX.utils.encode_cell({ r, c })] = typeof v === 'number' ? { t: 'n', v, z: cell.format } : { t: 's', v: String(v) };
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    }),
  );
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
  ws['!merges'] = (sheet.merges || []).map((m) => ({ s: { r: m.top, c: m.left }, e: { r: m.bottom, c: m.right } }));
  ws['!cols'] = [6, 6, 18, 16, 14, 14, 10, 10, 10, 18].map((wch) => ({ wch }));
  return ws;
}

function writeWorkbook(sheets, file) {
  const wb = XLSX.utils.book_new();
  for (const sheet of sheets) XLSX.utils.book_append_sheet(wb, toWorksheet(sheet), sheet.name);
  XLSX.writeFile(wb, file, { compression: true });
}

module.exports = { writeWorkbook };
