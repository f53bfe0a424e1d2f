/*
 * The small kit the answer-keyed fixture builders share (test/seed-fixtures/build.js,
 * test/province-fixtures/build.js): cell values with number formats, the text Excel displays for
 * them (what keys record as "entered"), and a sheet that collects cells and merges.
 * Plain node, CommonJS, only @e965/xlsx and decimal.js; no src/ code.
 *
 * A value is one of:
 *   null / undefined      empty cell
 *   'text'                a text cell
 *   n(v, z)               a number with a number format ('General' when z is omitted)
 *   { official, flat }    a different stored form per layout (byLayout)
 */
'use strict';
const XLSX = require('@e965/xlsx');
const Decimal = require('decimal.js');

const n = (v, z) => ({ t: 'n', v, z: z || 'General' });
const byLayout = (official, flat) => ({ official, flat });

function resolve(v, layout) {
  if (v && typeof v === 'object' && 'official' in v) return resolve(v[layout], layout);
  return v === undefined ? null : v;
}

/** The text Excel would display. */
function display(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  const d = new Decimal(v.v);
  switch (v.z) {
    case 'General': return String(+d.toSignificantDigits(10));
    case '0': return d.toFixed(0);
    case '0.00': return d.toFixed(2);
    case '#,##0.00': { const [i, f] = d.toFixed(2).split('.'); return i.replace(/\B(?=(\d{3})+$)/g, ',') + '.' + f; }
    case '0.00%': return d.times(100).toFixed(2) + '%';
    case '0.00%"%"': return d.times(100).toFixed(2) + '%%';
    default: throw new Error('no display rule for format ' + v.z);
  }
}

const A1 = (r, c) => XLSX.utils.encode_cell({ r, c });

/** Cells and merges of one worksheet; `lastCol` is the right edge of !ref. */
class Sheet {
  constructor(name, lastCol = 9) { this.name = name; this.ws = {}; this.merges = []; this.maxR = 0; this.maxC = lastCol; }
  put(r, c, v, layout) {
    v = resolve(v, layout);
    if (v === null || v === '') return;
    this.ws[A1(r, c)] = typeof v === 'string' ? { t: 's', v } : { t: 'n', v: v.v, z: v.z };
    this.maxR = Math.max(this.maxR, r);
    this.maxC = Math.max(this.maxC, c);
  }
  merge(r1, c1, r2, c2) { if (r2 > r1 || c2 > c1) this.merges.push({ s: { r: r1, c: c1 }, e: { r: r2, c: c2 } }); }
  finish() {
    this.ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: this.maxR, c: this.maxC } });
    if (this.merges.length) this.ws['!merges'] = this.merges;
    this.ws['!cols'] = Array.from({ length: Math.max(14, this.maxC + 1) }, () => ({ wch: 13.17 }));
    return this.ws;
  }
}

/** Writes sheets (Sheet objects, in order) to file. */
function saveSheets(file, sheets) {
  const wb = XLSX.utils.book_new();
  for (const sh of sheets) XLSX.utils.book_append_sheet(wb, sh.finish(), sh.name);
  XLSX.writeFile(wb, file, { compression: true, bookSST: true });
}

module.exports = { XLSX, Decimal, n, byLayout, resolve, display, A1, Sheet, saveSheets };
