#!/usr/bin/env node
/*
 * More layouts: reads the example workbooks with answer keys (../../../shared/fixtures and
 * ../seed-fixtures) and writes transformed copies — layouts real offices produce that the
 * fixtures and test/engine/layouts.test.ts do not show — with their keys moved accordingly,
 * into ./out/ as VARIANT__FIXTURE.xlsx + VARIANT__FIXTURE.key.json.
 *
 * Plain node, CommonJS, only @e965/xlsx. Never imports src/ or build/.
 *
 *   node test/more-layouts/build.js                 # every variant
 *   node test/more-layouts/build.js gap-0 rate-as-text   # only these variants
 *   node test/more-layouts/build.js --list           # variant names and what they do
 *
 * How addresses are kept: every cell the key names (anchor, funds.*, indicators.N.*, total,
 * grade, every truth cell) and every structural cell the transforms need (header words, title
 * rows, 总分/评分等级 labels) is tagged on load; cells move with their tags through inserted or
 * deleted rows/columns and re-laid-out blocks, and the key is rebuilt from where the tags end up.
 * A truth whose cell is deleted (the 评分等级 row removed) is dropped from the key, nothing else.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const XLSX = require('@e965/xlsx');

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = [path.resolve(ROOT, '../shared/fixtures'), path.join(ROOT, 'test/seed-fixtures')];
const OUT = path.join(__dirname, 'out');

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------
const sq = (s) => String(s).normalize('NFKC').replace(/[\s\u3000\u00a0]+/g, '');
const isText = (c) => c && c.t === 's' && typeof c.v === 'string';
const hasValue = (c) => c && c.t !== 'z' && c.v !== undefined && c.v !== null && !(typeof c.v === 'string' && c.v.trim() === '');
const FW = { 0: '０', 1: '１', 2: '２', 3: '３', 4: '４', 5: '５', 6: '６', 7: '７', 8: '８', 9: '９', '.': '．', ',': '，', '%': '％', '-': '－' };
const fullWidth = (s) => s.replace(/[0-9.,%-]/g, (ch) => FW[ch]);
const commas = (s) => { const [i, f] = s.split('.'); return i.replace(/\B(?=(\d{3})+$)/g, ',') + (f !== undefined ? '.' + f : ''); };

/** Decimals a number format fixes ("0.00" → 2, "#,##0" → 0), null for General. */
function formatDecimals(z) {
  if (!z || z === 'General') return null;
  const m = /0\.(0+)/.exec(z);
  return m ? m[1].length : /0/.test(z) ? 0 : null;
}

/** A number as a person would type what the cell shows, without losing digits the format hides. */
function typed(x, d) {
  if (d !== null && Number(x.toFixed(d)) === x) return x.toFixed(d);
  return String(x);
}

/** The text a number cell displays (amounts and points); rates are handled by percentOf. */
function shownNumber(c) {
  const d = formatDecimals(c.z);
  let s = typed(c.v, d);
  if (c.z && c.z.includes('#,##')) s = commas(s);
  return s;
}

// ---------------------------------------------------------------------------------------------
// The model: sheets of cell objects { t, v, z, _tags }; merges { s: {r, c}, e: {r, c} }.
// ---------------------------------------------------------------------------------------------
function readModel(xlsxPath) {
  const wb = XLSX.readFile(xlsxPath, { cellNF: true, cellStyles: false, cellFormula: false });
  const sheets = wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name];
    const rows = [];
    for (const a of Object.keys(ws)) {
      if (a[0] === '!') continue;
      const x = ws[a];
      if (x.t === 'z' || x.v === undefined) continue;
      const { r, c } = XLSX.utils.decode_cell(a);
      (rows[r] ??= [])[c] = { t: x.t, v: x.v, z: x.z && x.z !== 'General' ? String(x.z) : undefined };
    }
    const merges = (ws['!merges'] || []).map((m) => ({ s: { ...m.s }, e: { ...m.e } }));
    return { name, rows, merges };
  });
  return { sheets };
}

function get(sh, r, c) {
  const row = sh.rows[r];
  return row ? row[c] : undefined;
}

/** The cell at (r, c), created empty (t 'z') when missing, so a tag can sit on it. */
function ensure(sh, r, c) {
  const row = (sh.rows[r] ??= []);
  return (row[c] ??= { t: 'z' });
}

/** Put a value, keeping the tags of the cell that was there. */
function put(sh, r, c, value, z) {
  const old = get(sh, r, c);
  const cell = value === null || value === undefined ? { t: 'z' } : typeof value === 'number' ? { t: 'n', v: value, z } : { t: 's', v: String(value) };
  if (old && old._tags) cell._tags = old._tags;
  (sh.rows[r] ??= [])[c] = cell;
  return cell;
}

function setText(sh, r, c, text) {
  return put(sh, r, c, text);
}

function addTag(cell, tag) {
  (cell._tags ??= []).push(tag);
}

/** Every tagged cell: { sheet index, sheet, r, c, cell, tag }. */
function allTags(model) {
  const out = [];
  model.sheets.forEach((sh, si) => {
    sh.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (cell && cell._tags) for (const tag of cell._tags) out.push({ si, sh, r, c, cell, tag });
      });
    });
  });
  return out;
}

/** Position of structural tag `f` of table t (first one), or null. */
function pos(model, t, f) {
  return allTags(model).find((x) => x.tag.k === 'h' && x.tag.t === t && x.tag.f === f) || null;
}
function keyPos(model, t, name) {
  return allTags(model).find((x) => x.tag.k === 'cell' && x.tag.t === t && x.tag.f === name) || null;
}
function indRows(model, t) {
  return allTags(model).filter((x) => x.tag.k === 'ind' && x.tag.t === t).sort((a, b) => a.tag.n - b.tag.n);
}
/** The rows a table spans (title rows to its last row) and its sheet. */
function extent(model, t) {
  const xs = allTags(model).filter((x) => x.tag.t === t);
  const sh = keyPos(model, t, 'anchor').sh;
  const rows = xs.filter((x) => x.sh === sh).map((x) => x.r);
  return { sh, top: Math.min(...rows), bottom: Math.max(...rows) };
}
function tablesOnSheet(model, sh) {
  return model.meta.tables.map((_, t) => t).filter((t) => keyPos(model, t, 'anchor').sh === sh);
}

// ---- structural operations ------------------------------------------------------------------

/** Insert n empty columns at `at`, in rows r0..r1 only (whole sheet by default): Excel's insert / "shift cells right". */
function insertCols(sh, at, n, r0 = 0, r1 = Infinity) {
  for (let r = r0; r <= Math.min(r1, sh.rows.length - 1); r++) {
    const row = sh.rows[r];
    if (!row || row.length <= at) continue;
    const tail = row.slice(at);
    row.length = at;
    tail.forEach((cell, i) => { if (cell) row[at + n + i] = cell; });
  }
  for (const m of sh.merges) {
    if (m.e.r < r0 || m.s.r > r1) continue;
    if (m.s.r < r0 || m.e.r > r1) {
      if (m.e.c >= at) throw new Error(`merge ${XLSX.utils.encode_range(m)} crosses the block ${r0}-${r1}`);
      continue;
    }
    if (m.s.c >= at) { m.s.c += n; m.e.c += n; } else if (m.e.c >= at) m.e.c += n;
  }
}

function insertRows(sh, at, n) {
  if (at < sh.rows.length) sh.rows.splice(at, 0, ...new Array(n).fill(undefined));
  for (const m of sh.merges) {
    if (m.s.r >= at) { m.s.r += n; m.e.r += n; } else if (m.e.r >= at) m.e.r += n;
  }
}

/** Delete rows at..at+n-1; returns the tags that were on them. */
function deleteRows(sh, at, n) {
  const removed = sh.rows.splice(at, n);
  const tags = [];
  for (const row of removed) if (row) for (const cell of row) if (cell && cell._tags) tags.push(...cell._tags);
  const end = at + n - 1;
  const mapStart = (r) => (r < at ? r : r > end ? r - n : at);
  const mapEnd = (r) => (r < at ? r : r > end ? r - n : at - 1);
  sh.merges = sh.merges
    .map((m) => ({ s: { r: mapStart(m.s.r), c: m.s.c }, e: { r: mapEnd(m.e.r), c: m.e.c } }))
    .filter((m) => m.e.r >= m.s.r && (m.e.r > m.s.r || m.e.c > m.s.c));
  return tags;
}

/** Move a cell (with its tags) to another position; the old one is left empty. */
function moveCell(sh, r, c, r2, c2) {
  const cell = get(sh, r, c);
  sh.rows[r][c] = undefined;
  (sh.rows[r2] ??= [])[c2] = cell;
}

function removeMergeAt(sh, r, c) {
  const i = sh.merges.findIndex((m) => r >= m.s.r && r <= m.e.r && c >= m.s.c && c <= m.e.c);
  if (i >= 0) return sh.merges.splice(i, 1)[0];
  return null;
}

function mergeAt(sh, r, c) {
  return sh.merges.find((m) => r >= m.s.r && r <= m.e.r && c >= m.s.c && c <= m.e.c) || null;
}

/** Cut table t's rows (title to last row) into a block: rows of cells and the merges inside, relative to its top. */
function cutBlock(model, t) {
  const { sh, top, bottom } = extent(model, t);
  const rows = [];
  for (let r = top; r <= bottom; r++) rows.push(sh.rows[r] ? [...sh.rows[r]] : []);
  const merges = sh.merges.filter((m) => m.s.r >= top && m.e.r <= bottom).map((m) => ({ s: { r: m.s.r - top, c: m.s.c }, e: { r: m.e.r - top, c: m.e.c } }));
  return { rows, merges };
}

function pasteBlock(sh, block, top, left) {
  block.rows.forEach((row, i) => {
    row.forEach((cell, j) => { if (cell) (sh.rows[top + i] ??= [])[left + j] = cell; });
  });
  for (const m of block.merges) sh.merges.push({ s: { r: m.s.r + top, c: m.s.c + left }, e: { r: m.e.r + top, c: m.e.c + left } });
}

/**
 * Re-lay the tables: `place(t, blocks)` gives { sheet, top, left } per table (sheet names may be
 * new). Sheets that held tables are rebuilt from the blocks only (blank rows between tables go).
 */
function relayout(model, place, extraSheetsFirst = []) {
  const n = model.meta.tables.length;
  const blocks = [];
  for (let t = 0; t < n; t++) blocks.push(cutBlock(model, t));
  const sheets = new Map();
  for (const s of extraSheetsFirst) sheets.set(s.name, s);
  for (let t = 0; t < n; t++) {
    const p = place(t, blocks);
    if (!sheets.has(p.sheet)) sheets.set(p.sheet, { name: p.sheet, rows: [], merges: [] });
    pasteBlock(sheets.get(p.sheet), blocks[t], p.top, p.left);
  }
  model.sheets = [...sheets.values()];
}

/** Stack the blocks of the tables that were on each sheet, with `gap(t)` blank rows before table t (t > first). */
function restack(model, { gap = () => 2, top = 0, left = () => 0 } = {}) {
  const sheetOf = model.meta.tables.map((_, t) => keyPos(model, t, 'anchor').sh.name);
  const next = new Map();
  relayout(model, (t, blocks) => {
    const name = sheetOf[t];
    const row = next.has(name) ? next.get(name) + gap(t) : top;
    next.set(name, row + blocks[t].rows.length);
    return { sheet: name, top: row, left: left(t) };
  });
}

// ---------------------------------------------------------------------------------------------
// Load a fixture: tag the key's cells and the structure the transforms use.
// ---------------------------------------------------------------------------------------------
const FUNDS_FIELDS = ['initial', 'full', 'exec', 'weight', 'rate', 'score'];

function load(dir, name) {
  const model = readModel(path.join(dir, name));
  const key = JSON.parse(fs.readFileSync(path.join(dir, name.replace(/\.xlsx$/, '.key.json')), 'utf8'));
  model.meta = { key, tables: key.tables, source: name };
  const sheetByName = new Map(model.sheets.map((s) => [s.name, s]));
  const at = (sheet, a1) => { const { r, c } = XLSX.utils.decode_cell(a1); return { sh: sheetByName.get(sheet), r, c }; };
  const tag = (sheet, a1, tg) => { const p = at(sheet, a1); addTag(ensure(p.sh, p.r, p.c), tg); return p; };

  let prevLast = new Map(); // sheet → last row of the previous table
  key.tables.forEach((kt, t) => {
    for (const [f, a1] of Object.entries(kt.cells)) tag(kt.sheet, a1, { k: 'cell', t, f });
    kt.indicators.forEach((ind, n) => tag(kt.sheet, ind.scoreCell, { k: 'ind', t, n }));
    kt.truth.forEach((tr, n) => tag(tr.sheet, tr.cell, { k: 'truth', t, n }));
    const sh = sheetByName.get(kt.sheet);
    const h = (r, c, f) => addTag(ensure(sh, r, c), { k: 'h', t, f });
    const A = (a1) => XLSX.utils.decode_cell(a1);
    const anchor = A(kt.cells.anchor);
    // Title rows: anything between the previous table's last row and the anchor.
    for (let r = (prevLast.has(sh) ? prevLast.get(sh) + 1 : 0); r < anchor.r; r++) {
      (sh.rows[r] || []).forEach((cell, c) => { if (hasValue(cell)) h(r, c, 'title'); });
    }
    // Funds header: above the 年度资金总额 row, the row naming 全年预算数 in its column.
    const fr = A(kt.cells['funds.full']);
    let fh = fr.r - 1;
    while (fh > anchor.r && !(isText(get(sh, fh, fr.c)) && sq(get(sh, fh, fr.c).v).includes('预算'))) fh--;
    for (const f of FUNDS_FIELDS) if (kt.cells['funds.' + f]) h(fh, A(kt.cells['funds.' + f]).c, 'fh.' + f);
    const firstAmountCol = A(kt.cells['funds.initial'] || kt.cells['funds.full']).c;
    for (let r = fh; r <= fr.r + 3; r++) {
      (sh.rows[r] || []).forEach((cell, c) => {
        if (c >= firstAmountCol || !isText(cell)) return;
        const s = sq(cell.v);
        if (s.includes('项目资金')) h(r, c, 'fundsLabel');
        if (r > fr.r && /拨款|结转|其他/.test(s)) h(r, c, 'fundsSub');
      });
    }
    // Indicator header: above the first indicator, the row naming 三级指标.
    const i0 = A(kt.indicators[0].scoreCell);
    let ih = i0.r - 1;
    while (ih > fr.r && !(sh.rows[ih] || []).some((cell) => isText(cell) && sq(cell.v).startsWith('三级指标'))) ih--;
    const wc = A(kt.cells['indicators.0.weight']).c;
    (sh.rows[ih] || []).forEach((cell, c) => {
      if (!isText(cell)) return;
      const s = sq(cell.v);
      const f = s === '一级指标' ? 'level1' : s === '二级指标' ? 'level2' : s.startsWith('三级指标') ? 'name'
        : c === wc ? 'weight' : c === i0.c ? 'score' : s.includes('指标值') || s.includes('目标') ? 'target'
          : s.includes('完成') || s.includes('实际') ? 'actual' : s.includes('偏差') ? 'remark' : s.includes('绩效指标') ? 'block' : 'other';
      h(ih, c, 'ih.' + f);
    });
    // 总分 label, 评分等级 label.
    const tw = A(kt.cells.totalWeight);
    (sh.rows[tw.r] || []).forEach((cell, c) => { if (c < tw.c && isText(cell) && sq(cell.v) === '总分') h(tw.r, c, 'total.label'); });
    let last = tw.r;
    for (let r = tw.r + 1; r <= tw.r + 2; r++) {
      (sh.rows[r] || []).forEach((cell, c) => { if (isText(cell) && sq(cell.v) === '评分等级') { h(r, c, 'grade.label'); last = r; } });
    }
    prevLast.set(sh, last);
  });
  // Sanity: every table has the structure the transforms expect.
  key.tables.forEach((kt, t) => {
    for (const f of ['ih.name', 'ih.weight', 'ih.score', 'fh.full', 'fh.exec', 'total.label']) {
      if (!pos(model, t, f)) throw new Error(`${name} table ${t}: no ${f}`);
    }
  });
  return model;
}

// ---------------------------------------------------------------------------------------------
// Writing the workbook and the moved key.
// ---------------------------------------------------------------------------------------------
function writeModel(model, file) {
  const wb = XLSX.utils.book_new();
  for (const sh of model.sheets) {
    const ws = {};
    let maxR = 0, maxC = 0;
    sh.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell || cell.t === 'z' || cell.v === undefined || cell.v === null || cell.v === '') return;
        const out = { t: cell.t, v: cell.v };
        if (cell.t === 'n' && cell.z) out.z = cell.z;
        ws[XLSX.utils.encode_cell({ r, c })] = out;
        maxR = Math.max(maxR, r); maxC = Math.max(maxC, c);
      });
    });
    for (const m of sh.merges) { maxR = Math.max(maxR, m.e.r); maxC = Math.max(maxC, m.e.c); }
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    if (sh.merges.length) ws['!merges'] = sh.merges.map((m) => ({ s: { ...m.s }, e: { ...m.e } }));
    XLSX.utils.book_append_sheet(wb, ws, sh.name);
  }
  XLSX.writeFile(wb, file, { bookType: 'xlsx', compression: true });
}

function movedKey(model, variant) {
  const key = JSON.parse(JSON.stringify(model.meta.key));
  const tags = allTags(model);
  const a1 = (x) => XLSX.utils.encode_cell({ r: x.r, c: x.c });
  let dropped = 0;
  key.tables.forEach((kt, t) => {
    const mine = tags.filter((x) => x.tag.t === t);
    const anchor = mine.find((x) => x.tag.k === 'cell' && x.tag.f === 'anchor');
    kt.sheet = anchor.sh.name;
    const cells = {};
    for (const f of Object.keys(kt.cells)) {
      const x = mine.find((y) => y.tag.k === 'cell' && y.tag.f === f);
      if (!x) continue; // deleted with its row
      if (x.sh !== anchor.sh) throw new Error(`table ${t} field ${f} left the table's sheet`);
      cells[f] = a1(x);
    }
    kt.cells = cells;
    kt.anchor = cells.anchor;
    if (!cells.grade) kt.grade = '';
    kt.indicators.forEach((ind, n) => { ind.scoreCell = a1(mine.find((y) => y.tag.k === 'ind' && y.tag.n === n)); });
    kt.truth = kt.truth.flatMap((tr, n) => {
      const x = mine.find((y) => y.tag.k === 'truth' && y.tag.n === n);
      if (!x) { dropped++; return []; }
      return [{ ...tr, sheet: x.sh.name, cell: a1(x) }];
    });
  });
  key.variant = variant;
  key.source = model.meta.source;
  if (dropped) key.droppedTruth = dropped;
  return key;
}

// ---------------------------------------------------------------------------------------------
// Value helpers used by several variants.
// ---------------------------------------------------------------------------------------------

/** Cells of a table by role: amounts, points (分值/得分/总分), rates; each { sh, r, c }. */
function numberCells(model, t) {
  const out = { amount: [], points: [], rate: [] };
  const fundsRow = keyPos(model, t, 'funds.full');
  const sh = fundsRow.sh;
  const subRows = allTags(model).filter((x) => x.tag.k === 'h' && x.tag.t === t && x.tag.f === 'fundsSub').map((x) => x.r);
  const rows = [fundsRow.r, ...subRows];
  for (const f of FUNDS_FIELDS) {
    const k = keyPos(model, t, 'funds.' + f);
    if (!k) continue;
    const role = f === 'rate' ? 'rate' : f === 'weight' || f === 'score' ? 'points' : 'amount';
    for (const r of rows) out[role].push({ sh, r, c: k.c });
  }
  const kt = model.meta.tables[t];
  kt.indicators.forEach((_, n) => {
    out.points.push(keyPos(model, t, `indicators.${n}.weight`), keyPos(model, t, `indicators.${n}.score`));
  });
  out.points.push(keyPos(model, t, 'totalWeight'), keyPos(model, t, 'totalScore'));
  for (const k of Object.keys(out)) out[k] = out[k].filter(Boolean).map(({ sh: s, r, c }) => ({ sh: s || sh, r, c }));
  return out;
}

/** The rate a rate cell holds, in percent, as a decimal string; null when empty/unreadable. */
function percentOf(cell, headerPercent) {
  if (!hasValue(cell)) return null;
  if (cell.t === 'n') {
    if (cell.z && cell.z.includes('%')) {
      const x = Number((cell.v * 100).toPrecision(12));
      return typed(x, formatDecimals(cell.z));
    }
    if (headerPercent || cell.v > 1.5) return typed(cell.v, formatDecimals(cell.z));
    return String(Number((cell.v * 100).toPrecision(12)));
  }
  if (cell.t === 's') {
    const s = sq(cell.v).replace(/%+$/, '');
    return /^\d+(\.\d+)?$/.test(s) ? s : null;
  }
  return null;
}

function rateHeaderPercent(model, t) {
  const h = pos(model, t, 'fh.rate');
  return !!h && isText(h.cell) && /[(（]%[)）]/.test(h.cell.v);
}

/** Whether every rate cell of table t says "percent" by itself (a % format or "%" text). */
function ratesExplicit(model, t) {
  return numberCells(model, t).rate.every(({ sh, r, c }) => {
    const cell = get(sh, r, c);
    return !hasValue(cell) || (cell.t === 'n' && cell.z && cell.z.includes('%')) || (cell.t === 's' && /%/.test(cell.v)) || (cell.t === 's' && !/\d/.test(cell.v));
  }) || rateHeaderPercent(model, t);
}

function relabel(model, t, f, text) {
  const p = pos(model, t, f);
  if (!p) return false;
  setText(p.sh, p.r, p.c, text);
  return true;
}

function moneyUnitOf(model, t) {
  const p = pos(model, t, 'fundsLabel');
  return p && /万元/.test(p.cell.v) ? '万元' : '元';
}

/**
 * Whether the entered 执行率 and budget 得分 of table t are explained by some rounding of the
 * exact rate R (percent): any of floor/ceil/half-up at 2 decimals, capped at 100; the score as
 * 分值 × (rounded or exact) rate, rounded any way or not at all. Used to keep a money change only
 * where it changes no verdict.
 */
function budgetVerdicts(R, m, t, weight) {
  const cap = Math.min(R, 100);
  const rounds = (x) => [Math.floor(x * 100 + 1e-9) / 100, Math.ceil(x * 100 - 1e-9) / 100, Math.round(x * 100) / 100];
  const rp = keyPos(m, t, 'funds.rate'); const sp = keyPos(m, t, 'funds.score');
  const rc = rp && get(rp.sh, rp.r, rp.c); const scc = sp && get(sp.sh, sp.r, sp.c);
  const rate = rc ? Number(percentOf(rc, rateHeaderPercent(m, t))) : NaN;
  const score = scc && scc.t === 'n' ? scc.v : scc && isText(scc) ? Number(sq(scc.v)) : NaN;
  const rateOk = rounds(cap).some((x) => Math.abs(x - rate) < 1e-6) || Math.abs(rate - rate * 0 - cap * 1) < 1e-6;
  const cands = [cap, ...rounds(cap)].flatMap((x) => { const s = weight * x / 100; return [s, ...rounds(s)]; });
  const scoreOk = weight ? cands.some((x) => Math.abs(x - score) < 1e-6) : null;
  return { rateOk, scoreOk };
}

// ---------------------------------------------------------------------------------------------
// The variants. Each takes the loaded model and changes it in place; returns false when it does
// not apply to this fixture (nothing written).
// ---------------------------------------------------------------------------------------------
const each = (model, fn) => model.meta.tables.forEach((_, t) => fn(t));

/** Block of table t from its indicator header to its last row (the rows an "insert cells" would shift). */
function indicatorBlock(model, t) {
  const { sh, bottom } = extent(model, t);
  return { sh, r0: pos(model, t, 'ih.name').r, r1: bottom };
}

function wholeSheetInsert(model, field, offset) {
  const done = new Set();
  each(model, (t) => {
    const p = pos(model, t, field);
    if (done.has(p.sh)) return;
    const cols = tablesOnSheet(model, p.sh).map((u) => pos(model, u, field).c);
    if (cols.some((c) => c !== cols[0])) throw new Error('tables on a sheet do not share columns');
    insertCols(p.sh, p.c + offset, 1);
    done.add(p.sh);
  });
}

function blockInsert(model, t, at) {
  const { sh, r0, r1 } = indicatorBlock(model, t);
  insertCols(sh, at, 1, r0, r1);
}

const RENAMES = {
  'hdr-synonyms-a': { 'ih.target': '指标值', 'ih.actual': '完成值', 'ih.weight': '分数', 'fh.weight': '分数' },
  'hdr-synonyms-b': { 'ih.target': '年度目标值', 'ih.actual': '实际值', 'ih.weight': '权重', 'fh.weight': '权重' },
  'hdr-ind-score-评分': { 'ih.score': '评分' },
  'hdr-funds-score-评分': { 'fh.score': '评分' },
  'hdr-national-AB': { 'fh.full': '全年预算数（A）', 'fh.exec': '全年执行数（B）', 'fh.rate': '执行率（B/A）', 'ih.target': '年度指标值（A）', 'ih.actual': '实际完成值（B）' },
  'hdr-funds-AB': { 'fh.full': '全年预算数（A）', 'fh.exec': '全年执行数（B）', 'fh.rate': '执行率（B/A）' },
  'hdr-rate-BA': { 'fh.rate': '执行率（B/A）' },
  'hdr-ind-AB': { 'ih.target': '年度指标值（A）', 'ih.actual': '实际完成值（B）' },
  'hdr-spacing': {
    'fh.initial': '年初 预算数', 'fh.full': '全年\n预算数', 'fh.exec': ' 全年执行数 ', 'fh.weight': '分　值', 'fh.score': '得　分',
    'ih.level1': '一级\n指标', 'ih.level2': '二级\n指标', 'ih.name': '三 级 指 标', 'ih.target': '年度\r\n指标值', 'ih.actual': '实际\n完成值',
    'ih.weight': '分 值', 'ih.score': '得 分', 'ih.remark': '偏差原因分析及\n改进措施',
  },
  'hdr-units-fullwidth': { 'fh.weight': '分值（分）', 'fh.score': '得分（分）', 'ih.weight': '分值（分）', 'ih.score': '得分（分）' },
};

const VARIANTS = {
  identity: ['no change: read and written back by this script (checks the writer and the key rebuild)', () => true],
  // ---- columns ----
  'col-blank-after-name': ['a blank column inserted (whole sheet) between 三级指标 and 年度指标值', (m) => wholeSheetInsert(m, 'ih.name', 1)],
  'col-blank-after-name-block': ['blank cells inserted (shift right) between 三级指标 and 年度指标值, indicator block only', (m) => each(m, (t) => blockInsert(m, t, pos(m, t, 'ih.name').c + 1))],
  'col-blank-weight-score': ['a blank column inserted (whole sheet) between 分值 and 得分', (m) => wholeSheetInsert(m, 'ih.score', 0)],
  'col-blank-weight-score-block': ['blank cells between 分值 and 得分, indicator block only', (m) => each(m, (t) => blockInsert(m, t, pos(m, t, 'ih.score').c))],
  'col-remark-trailing': ['an extra 备注 column after 偏差原因分析及改进措施', (m) => each(m, (t) => {
    const rem = pos(m, t, 'ih.remark');
    const c = rem.c + 1;
    const { sh, r0, r1 } = indicatorBlock(m, t);
    for (let r = r0; r <= r1; r++) if (hasValue(get(sh, r, c))) throw new Error('备注 column not empty');
    setText(sh, rem.r, c, '备注');
    indRows(m, t).forEach((x, i) => { if (i % 2 === 0) setText(sh, x.r, c, i % 4 === 0 ? '无' : '—'); });
  })],
  'col-name-merged-2': ['三级指标 spanning two columns (name cells merged D:E), indicator block shifted', (m) => each(m, (t) => {
    const name = pos(m, t, 'ih.name');
    blockInsert(m, t, name.c + 1);
    const rows = [name.r, ...indRows(m, t).map((x) => x.r)];
    for (const r of rows) if (!mergeAt(name.sh, r, name.c)) name.sh.merges.push({ s: { r, c: name.c }, e: { r, c: name.c + 1 } });
  })],
  'col-extra-text-after-name': ['a 指标解释 text column between 三级指标 and 年度指标值 (indicator block)', (m) => each(m, (t) => {
    const name = pos(m, t, 'ih.name');
    blockInsert(m, t, name.c + 1);
    setText(name.sh, name.r, name.c + 1, '指标解释');
    indRows(m, t).forEach((x) => {
      const n = get(name.sh, x.r, name.c);
      if (hasValue(n)) setText(name.sh, x.r, name.c + 1, `反映${n.v}情况`);
    });
  })],
  'hdr-ind-AB+blank-col': ['national (A)/(B) indicator headers plus blank cells between 三级指标 and 年度指标值（A）', (m) => {
    each(m, (t) => { relabel(m, t, 'ih.target', '年度指标值（A）'); relabel(m, t, 'ih.actual', '实际完成值（B）'); });
    each(m, (t) => blockInsert(m, t, pos(m, t, 'ih.name').c + 1));
  }],
  // ---- header words ----
  ...Object.fromEntries(Object.entries(RENAMES).map(([name, map]) => [name, [`headers relabelled: ${Object.values(map).map((v) => JSON.stringify(v)).join(', ')}`, (m) => {
    let changed = false;
    each(m, (t) => { for (const [f, text] of Object.entries(map)) if (pos(m, t, f) && pos(m, t, f).cell.v !== text) changed = relabel(m, t, f, text) || changed; });
    return changed;
  }]])),
  'hdr-rate-fullwidth-pct': ['执行率 header written 执行率（%） (only where the rate cells say percent themselves)', (m) => {
    let changed = false;
    each(m, (t) => { if (pos(m, t, 'fh.rate') && ratesExplicit(m, t) && !rateHeaderPercent(m, t)) changed = relabel(m, t, 'fh.rate', '执行率（%）') || changed; });
    return changed;
  }],
  // ---- position and stacking ----
  'pos-offset-per-table': ['first table at C10, every table on a sheet at a different column offset (2, 0, 5, 1, …)', (m) => restack(m, { top: 9, left: (t) => [2, 0, 5, 1][t % 4] })],
  'pos-gap-0': ['stacked tables with no blank row between them', (m) => restack(m, { gap: () => 0 })],
  'pos-gap-1': ['stacked tables with one blank row between them', (m) => restack(m, { gap: () => 1 })],
  'pos-gap-5': ['stacked tables with five blank rows between them', (m) => restack(m, { gap: () => 5 })],
  'pos-gap-mixed': ['stacked tables with 0, 1, 5, 3 blank rows between them, in turn', (m) => restack(m, { gap: (t) => [0, 1, 5, 3][t % 4] })],
  'pos-sheet-per-table': ['one table per sheet named 项目1, 项目2 … each at its own offset, after a 填报说明 sheet', (m) => {
    const notes = { name: '填报说明', rows: [[{ t: 's', v: '填报说明' }], [{ t: 's', v: '1. 每个项目填写一张自评表，金额单位见各表。' }], [{ t: 's', v: '2. 得分保留两位小数。' }]], merges: [] };
    relayout(m, (t) => ({ sheet: `项目${t + 1}`, top: t % 3, left: (t % 2) * 2 }), [notes]);
  }],
  'pos-side-by-side': ['tables two by two side by side (the second of a pair at column M, same top row)', (m) => {
    const sheetOf = m.meta.tables.map((_, t) => keyPos(m, t, 'anchor').sh.name);
    const index = sheetOf.map((s, t) => sheetOf.slice(0, t).filter((x) => x === s).length);
    const next = new Map();
    const tops = [];
    relayout(m, (t, blocks) => {
      const name = sheetOf[t];
      if (index[t] % 2 === 1) return { sheet: name, top: tops[t - 1], left: 12 };
      const top = next.get(name) ?? 0;
      const partner = t + 1 < blocks.length && sheetOf[t + 1] === name ? blocks[t + 1].rows.length : 0;
      next.set(name, top + Math.max(blocks[t].rows.length, partner) + 2);
      tops[t] = top;
      return { sheet: name, top, left: 0 };
    });
  }],
  'sheet-summary-first': ['a first sheet 汇总表 listing the projects (序号 | 项目名称 | 全年预算数 | 全年执行数 | 得分 | 评分等级)', (m) => {
    const rows = [[{ t: 's', v: '2024年度项目支出绩效自评汇总表' }], ['序号', '项目名称', '全年预算数', '全年执行数', '得分', '评分等级'].map((v) => ({ t: 's', v }))];
    m.meta.tables.forEach((kt, t) => {
      const num = (s) => Number(String(s).replace(/,/g, ''));
      const full = get(keyPos(m, t, 'funds.full').sh, keyPos(m, t, 'funds.full').r, keyPos(m, t, 'funds.full').c);
      const exec = get(keyPos(m, t, 'funds.exec').sh, keyPos(m, t, 'funds.exec').r, keyPos(m, t, 'funds.exec').c);
      const total = keyPos(m, t, 'totalScore').cell;
      const grade = keyPos(m, t, 'grade');
      rows.push([{ t: 'n', v: t + 1 }, { t: 's', v: kt.project }, full && full.t === 'n' ? { t: 'n', v: full.v, z: full.z } : { t: 'n', v: num(kt.budget.full) },
        exec && exec.t === 'n' ? { t: 'n', v: exec.v, z: exec.z } : { t: 'n', v: num(kt.budget.exec) },
        hasValue(total) ? { t: total.t, v: total.v, z: total.z } : undefined, grade && hasValue(grade.cell) ? { t: 's', v: grade.cell.v } : undefined]);
    });
    m.sheets.unshift({ name: '汇总表', rows, merges: [{ s: { r: 0, c: 0 }, e: { r: 0, c: 5 } }] });
  }],
  // ---- title, footer, grade ----
  'title-none': ['title and year rows removed', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const rows = [...new Set(allTags(m).filter((x) => x.tag.t === t && x.tag.f === 'title').map((x) => x.r))].sort((a, b) => b - a);
      const sh = keyPos(m, t, 'anchor').sh;
      for (const r of rows) { deleteRows(sh, r, 1); changed = true; }
    }
    return changed;
  }],
  'title-doubled': ['附件2 line and the title printed twice above every table (flat ones get a title too)', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const { sh, top } = extent(m, t);
      insertRows(sh, top, 3);
      setText(sh, top, 0, '附件2');
      setText(sh, top + 1, 0, '财政项目支出绩效自评表');
      setText(sh, top + 2, 0, '财 政 项 目 支 出 绩 效 自 评 表');
      for (let i = 0; i < 3; i++) addTag(get(sh, top + i, 0), { k: 'h', t, f: 'title' });
    }
  }],
  'footer-signature': ['a note row and a 填报人/联系电话/填报日期 row after each table', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const { sh, bottom } = extent(m, t);
      insertRows(sh, bottom + 1, 2);
      setText(sh, bottom + 1, 0, '注：本表得分保留两位小数，总分为预算执行得分与各项指标得分之和。');
      setText(sh, bottom + 2, 0, '填报人：张三');
      setText(sh, bottom + 2, 3, '联系电话：021-12345678');
      setText(sh, bottom + 2, 6, '填报日期：2025年3月31日');
      for (const [r, c] of [[1, 0], [2, 0], [2, 3], [2, 6]]) addTag(get(sh, bottom + r, c), { k: 'h', t, f: 'footer' });
    }
  }],
  'footer-signature-gap-0': ['the footer rows of footer-signature, and no blank row before the next table', (m) => {
    VARIANTS['footer-signature'][1](m);
    restack(m, { gap: () => 0 });
  }],
  'grade-row-absent': ['评分等级 rows deleted (their truths dropped from the key)', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const g = pos(m, t, 'grade.label');
      if (!g) continue;
      deleteRows(g.sh, g.r, 1);
      changed = true;
    }
    return changed;
  }],
  'grade-words': ['评分等级 written 优秀/良好/中等/较差', (m) => {
    let changed = false;
    each(m, (t) => {
      const g = keyPos(m, t, 'grade');
      if (!g || !isText(g.cell)) return;
      const w = { 优: '优秀', 良: '良好', 中: '中等', 差: '较差' }[sq(g.cell.v)];
      if (w) { setText(g.sh, g.r, g.c, w); changed = true; }
    });
    return changed;
  }],
  // ---- 总分 row ----
  'total-label-col-A': ['总分 label in column A (merged A:F in merged layouts)', (m) => each(m, (t) => {
    const l = pos(m, t, 'total.label');
    const mg = removeMergeAt(l.sh, l.r, l.c);
    if (hasValue(get(l.sh, l.r, 0))) throw new Error('column A not free on the 总分 row');
    moveCell(l.sh, l.r, l.c, l.r, 0);
    if (mg) l.sh.merges.push({ s: { r: l.r, c: 0 }, e: { r: l.r, c: mg.e.c } });
  })],
  'total-label-name-col': ['总分 label in the 三级指标 column', (m) => each(m, (t) => {
    const l = pos(m, t, 'total.label');
    const nc = pos(m, t, 'ih.name').c;
    const mg = removeMergeAt(l.sh, l.r, l.c);
    moveCell(l.sh, l.r, l.c, l.r, nc);
    if (mg && mg.e.c > nc) l.sh.merges.push({ s: { r: l.r, c: nc }, e: { r: l.r, c: mg.e.c } });
  })],
  'total-label-合计': ['合计 instead of 总分', (m) => each(m, (t) => relabel(m, t, 'total.label', '合计'))],
  // ---- numbers ----
  'num-text-fullwidth': ['amounts, 分值/得分/总分 and rates stored as text in full-width digits (２，３８２，８００．００, ７８．２４％)', (m) => each(m, (t) => {
    const cells = numberCells(m, t);
    const hp = rateHeaderPercent(m, t);
    for (const { sh, r, c } of [...cells.amount, ...cells.points]) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, fullWidth(shownNumber(x)));
      else if (isText(x) && /^[\d.,]+$/.test(sq(x.v))) put(sh, r, c, fullWidth(sq(x.v)));
    }
    for (const { sh, r, c } of cells.rate) {
      const x = get(sh, r, c);
      const p = percentOf(x, hp);
      if (p === null) continue;
      put(sh, r, c, fullWidth(p) + '％');
    }
  })],
  'num-text-fen-yuan': ['分值/得分/总分 as text with a trailing 分 ("10分", "89.82分"), amounts with a trailing 元/万元', (m) => each(m, (t) => {
    const cells = numberCells(m, t);
    const unit = moneyUnitOf(m, t);
    for (const { sh, r, c } of cells.amount) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, shownNumber(x) + unit);
    }
    for (const { sh, r, c } of cells.points) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, shownNumber(x) + '分');
      else if (isText(x) && /^[\d.,]+$/.test(sq(x.v))) put(sh, r, c, sq(x.v) + '分');
    }
  })],
  'num-text-fen-points-only': ['only 分值/得分/总分 as text with a trailing 分', (m) => each(m, (t) => {
    for (const { sh, r, c } of numberCells(m, t).points) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, shownNumber(x) + '分');
      else if (isText(x) && /^[\d.,]+$/.test(sq(x.v))) put(sh, r, c, sq(x.v) + '分');
    }
  })],
  'num-text-yuan-amounts-only': ['only the amounts as text with a trailing 元/万元 ("2,382,800.00元")', (m) => each(m, (t) => {
    const unit = moneyUnitOf(m, t);
    for (const { sh, r, c } of numberCells(m, t).amount) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, shownNumber(x) + unit);
    }
  })],
  'rate-as-text': ['every 执行率 cell as "78.24%" text', (m) => {
    let changed = false;
    each(m, (t) => {
      const hp = rateHeaderPercent(m, t);
      for (const { sh, r, c } of numberCells(m, t).rate) {
        const x = get(sh, r, c);
        if (!x || x.t !== 'n') continue;
        const p = percentOf(x, hp);
        if (p !== null) { put(sh, r, c, p + '%'); changed = true; }
      }
    });
    return changed;
  }],
  'rate-as-fraction': ['every 执行率 cell as a fraction with a 0.00% format (header 执行率)', (m) => {
    let changed = false;
    each(m, (t) => {
      const hp = rateHeaderPercent(m, t);
      for (const { sh, r, c } of numberCells(m, t).rate) {
        const x = get(sh, r, c);
        if (!hasValue(x) || (x.t === 'n' && x.z && x.z.includes('%'))) continue;
        const p = percentOf(x, hp);
        if (p === null) continue;
        put(sh, r, c, Number((Number(p) / 100).toPrecision(12)), '0.00%');
        changed = true;
      }
      if (hp) relabel(m, t, 'fh.rate', '执行率');
    });
    return changed;
  }],
  'rate-as-percent-number': ['every 执行率 cell as a percent number (78.24, format 0.00) under 执行率（%）', (m) => {
    let changed = false;
    each(m, (t) => {
      const hp = rateHeaderPercent(m, t);
      for (const { sh, r, c } of numberCells(m, t).rate) {
        const x = get(sh, r, c);
        if (!hasValue(x) || (x.t === 'n' && hp)) continue;
        const p = percentOf(x, hp);
        if (p === null) continue;
        put(sh, r, c, Number(p), '0.00');
        changed = true;
      }
      if (!hp) { relabel(m, t, 'fh.rate', '执行率（%）'); changed = true; }
    });
    return changed;
  }],
  'money-unit-swap': ['amounts in 万元 where they were in 元 (÷10000, unrounded as a formula leaves them) and in 元 where they were in 万元 (×10000), block label changed', (m) => each(m, (t) => {
    const unit = moneyUnitOf(m, t);
    const f = unit === '元' ? (v) => Number((v / 10000).toPrecision(15)) : (v) => Number((v * 10000).toPrecision(15));
    for (const { sh, r, c } of numberCells(m, t).amount) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, f(x.v), x.z);
      else if (isText(x) && /^[\d.,]+$/.test(sq(x.v))) put(sh, r, c, commas(String(f(Number(sq(x.v).replace(/,/g, ''))))));
    }
    const l = pos(m, t, 'fundsLabel');
    if (l) setText(l.sh, l.r, l.c, unit === '元' ? String(l.cell.v).replace(/（元）|\(元\)/, '（万元）') : String(l.cell.v).replace(/（万元）|\(万元\)/, '（元）'));
  })],
  // ---- more header and column shapes ----
  'hdr-two-row-score': ['indicator header over two rows: 自评情况 merged over 分值/得分 on top, 分值 | 得分 below (other header cells merged down)', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const w = pos(m, t, 'ih.weight'); const s = pos(m, t, 'ih.score');
      const sh = w.sh; const r = w.r;
      const merged = sh.merges.length > 0;
      insertRows(sh, r + 1, 1);
      moveCell(sh, r, w.c, r + 1, w.c);
      moveCell(sh, r, s.c, r + 1, s.c);
      setText(sh, r, Math.min(w.c, s.c), '自评情况');
      sh.merges.push({ s: { r, c: Math.min(w.c, s.c) }, e: { r, c: Math.max(w.c, s.c) } });
      if (merged) {
        (sh.rows[r] || []).forEach((cell, c) => {
          if (!hasValue(cell) || c === Math.min(w.c, s.c) || mergeAt(sh, r, c)) return;
          sh.merges.push({ s: { r, c }, e: { r: r + 1, c } });
        });
      }
    }
  }],
  'hdr-repeated-mid': ['the indicator header row printed again in the middle of the indicators (a page break copied in), at a 一级指标 boundary', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const ih = pos(m, t, 'ih.name'); const l1 = pos(m, t, 'ih.level1');
      if (!l1) continue;
      const sh = ih.sh;
      const rows = indRows(m, t).map((x) => x.r);
      let prev = null; const starts = [];
      for (const r of rows) { const v = get(sh, r, l1.c); if (hasValue(v) && v.v !== prev) { starts.push(r); prev = v.v; } }
      if (starts.length < 2) continue;
      const at = starts[1];
      const header = (sh.rows[ih.r] || []).map((cell) => (hasValue(cell) ? { t: cell.t, v: cell.v } : undefined));
      insertRows(sh, at, 1);
      header.forEach((cell, c) => { if (cell && c !== 0) (sh.rows[at] ??= [])[c] = cell; });
      changed = true;
    }
    return changed;
  }],
  'l1-subtotal-rows': ['a 小计 row (sum of 分值 and 得分) after each 一级指标 group', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const l1 = pos(m, t, 'ih.level1'); const nm = pos(m, t, 'ih.name');
      const wc = pos(m, t, 'ih.weight').c; const sc = pos(m, t, 'ih.score').c;
      const sh = nm.sh;
      const rows = indRows(m, t).map((x) => x.r);
      const groups = []; let prev = null;
      for (const r of rows) {
        const v = get(sh, r, l1.c);
        if (hasValue(v) && v.v !== prev) { groups.push([]); prev = v.v; }
        groups[groups.length - 1].push(r);
      }
      const num = (c) => (c && c.t === 'n' ? c.v : c && isText(c) ? Number(sq(c.v).replace(/,/g, '')) : 0);
      for (const g of groups.reverse()) {
        const at = g[g.length - 1] + 1;
        const wsum = g.reduce((a, r) => a + num(get(sh, r, wc)), 0);
        const ssum = g.reduce((a, r) => a + num(get(sh, r, sc)), 0);
        insertRows(sh, at, 1);
        setText(sh, at, nm.c, '小计');
        put(sh, at, wc, Number(wsum.toPrecision(12)), '0.00');
        put(sh, at, sc, Number(ssum.toPrecision(12)), '0.00');
      }
    }
  }],
  'col-order-weight-first': ['indicator columns ordered 三级指标 | 分值 | 年度指标值 | 实际完成值 | 得分 (分值 moved before the targets)', (m) => each(m, (t) => {
    const tg = pos(m, t, 'ih.target'); const ac = pos(m, t, 'ih.actual'); const w = pos(m, t, 'ih.weight');
    if (!(tg && ac && ac.c === tg.c + 1 && w.c === ac.c + 1)) throw new Error('unexpected column order');
    const { sh, r0, r1 } = indicatorBlock(m, t);
    const [E, F, G] = [tg.c, ac.c, w.c];
    for (let r = r0; r <= r1; r++) {
      const row = sh.rows[r]; if (!row) continue;
      const [e, f, g] = [row[E], row[F], row[G]];
      row[E] = g; row[F] = e; row[G] = f;
    }
    for (const mg of [...sh.merges]) {
      if (mg.s.r < r0 || mg.e.r > r1 || mg.s.r !== mg.e.r) continue;
      if (mg.s.c < E && mg.e.c >= E) mg.e.c = E - 1; // 总分 / 评分等级 label merges end before the moved 分值
      else if (mg.s.c >= E && mg.s.c <= G) sh.merges.splice(sh.merges.indexOf(mg), 1); // the grade value merge G:H
    }
  })],
  'grade-on-total-row': ['评分等级 label and grade on the 总分 row (in the 偏差原因分析 columns), the 评分等级 row deleted', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const g = pos(m, t, 'grade.label'); const v = keyPos(m, t, 'grade');
      if (!g || !v) continue;
      const tl = pos(m, t, 'total.label'); const rc = pos(m, t, 'ih.remark').c;
      const sh = g.sh;
      for (const c of [rc, rc + 1]) if (hasValue(get(sh, tl.r, c))) throw new Error('total row not free');
      removeMergeAt(sh, v.r, v.c);
      moveCell(sh, g.r, g.c, tl.r, rc);
      moveCell(sh, v.r, v.c, tl.r, rc + 1);
      deleteRows(sh, g.r, 1);
      changed = true;
    }
    return changed;
  }],
  'grade-inline': ['评分等级：优 in the label cell itself (the grade cell emptied; key and truth move to the label cell)', (m) => {
    let changed = false;
    each(m, (t) => {
      const g = pos(m, t, 'grade.label'); const v = keyPos(m, t, 'grade');
      if (!g || !v) return;
      const sh = g.sh;
      const text = hasValue(v.cell) ? String(v.cell.v) : '';
      const gm = removeMergeAt(sh, g.r, g.c); const vm = removeMergeAt(sh, v.r, v.c);
      const tags = v.cell._tags.filter((x) => x.k !== 'h');
      v.cell._tags = v.cell._tags.filter((x) => x.k === 'h');
      setText(sh, v.r, v.c, null);
      const cell = setText(sh, g.r, g.c, `评分等级：${text}`);
      cell._tags.push(...tags);
      if (gm || vm) sh.merges.push({ s: { r: g.r, c: g.c }, e: { r: g.r, c: (vm || gm).e.c } });
      changed = true;
    });
    return changed;
  }],
  'funds-no-initial': ['no 年初预算数 column in the funds block (header and amounts left blank)', (m) => each(m, (t) => {
    const h = pos(m, t, 'fh.initial');
    if (!h) return;
    const sh = h.sh;
    const rows = [h.r, keyPos(m, t, 'funds.initial').r, ...allTags(m).filter((x) => x.tag.t === t && x.tag.f === 'fundsSub').map((x) => x.r)];
    for (const r of rows) { const c = get(sh, r, h.c); if (c) { const tags = c._tags; sh.rows[r][h.c] = tags ? { t: 'z', _tags: tags } : undefined; } }
  })],
  'rate-bare-text': ['every 执行率 cell as text without % ("78.24") under a plain 执行率 header', (m) => {
    let changed = false;
    each(m, (t) => {
      const hp = rateHeaderPercent(m, t);
      for (const { sh, r, c } of numberCells(m, t).rate) {
        const x = get(sh, r, c);
        const p = percentOf(x, hp);
        if (p === null) continue;
        put(sh, r, c, p); changed = true;
      }
      if (hp) relabel(m, t, 'fh.rate', '执行率');
    });
    return changed;
  }],
  'rate-bare-fraction': ['every 执行率 cell as a fraction (0.7824) in General format under a plain 执行率 header', (m) => {
    let changed = false;
    each(m, (t) => {
      const hp = rateHeaderPercent(m, t);
      for (const { sh, r, c } of numberCells(m, t).rate) {
        const x = get(sh, r, c);
        const p = percentOf(x, hp);
        if (p === null) continue;
        put(sh, r, c, Number((Number(p) / 100).toPrecision(12))); changed = true;
      }
      if (hp) relabel(m, t, 'fh.rate', '执行率');
    });
    return changed;
  }],
  'money-wan-rounded': ['元 amounts typed in 万元 rounded to 2 decimals (tables whose budget verdicts that would change keep 元)', (m) => {
    let changed = false;
    each(m, (t) => {
      if (moneyUnitOf(m, t) !== '元') return;
      const cells = numberCells(m, t).amount;
      const v = (k) => { const p = keyPos(m, t, k); const c = p && get(p.sh, p.r, p.c); return c && c.t === 'n' ? c.v : c && isText(c) ? Number(sq(c.v).replace(/,/g, '')) : null; };
      const full = v('funds.full'), exec = v('funds.exec'), weight = v('funds.weight');
      if (!full || exec === null) return;
      const r2 = (x) => Math.round(x / 100) / 100;
      const before = budgetVerdicts(exec / full * 100, m, t, weight);
      const after = budgetVerdicts(r2(exec) / r2(full) * 100, m, t, weight);
      if (JSON.stringify(before) !== JSON.stringify(after)) { console.error(`money-wan-rounded: ${m.meta.source} T${t} kept in 元 (${JSON.stringify(before)} → ${JSON.stringify(after)})`); return; }
      for (const { sh, r, c } of cells) {
        const x = get(sh, r, c);
        if (x && x.t === 'n') put(sh, r, c, r2(x.v), '#,##0.00');
      }
      const l = pos(m, t, 'fundsLabel');
      if (l) setText(l.sh, l.r, l.c, String(l.cell.v).replace(/（元）|\(元\)/, '（万元）'));
      changed = true;
    });
    return changed;
  }],
  'col-funds-extra': ['an extra 预算调整数 column (全年 − 年初) between 年初预算数 and 全年预算数, funds block only', (m) => each(m, (t) => {
    const hi = pos(m, t, 'fh.initial'); const hf = pos(m, t, 'fh.full');
    if (!hi || hf.c !== hi.c + 1) return;
    const sh = hi.sh; const fr = keyPos(m, t, 'funds.full').r;
    const sub = allTags(m).filter((x) => x.tag.t === t && x.tag.f === 'fundsSub').map((x) => x.r);
    const r1 = Math.max(fr, ...sub);
    insertCols(sh, hf.c, 1, hi.r, r1);
    setText(sh, hi.r, hf.c, '预算调整数');
    for (const r of [fr, ...sub]) {
      const a = get(sh, r, hi.c); const b = get(sh, r, hf.c + 1);
      if (a && b && a.t === 'n' && b.t === 'n') put(sh, r, hf.c, Number((b.v - a.v).toPrecision(15)), a.z);
    }
  })],
  'col-extra-between-actual-weight': ['an extra 完成率 column between 实际完成值 and 分值 (indicator block), filled with text', (m) => each(m, (t) => {
    const w = pos(m, t, 'ih.weight');
    blockInsert(m, t, w.c);
    setText(w.sh, w.r, w.c, '完成率');
    indRows(m, t).forEach((x) => setText(w.sh, x.r, w.c, '100%'));
  })],
  'rate-fraction-under-pct-header': ['rates as bare fractions (0.9966, General) under a 执行率(%) header (debatable: the header says percent)', (m) => {
    let changed = false;
    each(m, (t) => {
      const hp = rateHeaderPercent(m, t);
      for (const { sh, r, c } of numberCells(m, t).rate) {
        const x = get(sh, r, c);
        const p = percentOf(x, hp);
        if (p === null) continue;
        put(sh, r, c, Number((Number(p) / 100).toPrecision(12))); changed = true;
      }
      if (!hp) relabel(m, t, 'fh.rate', '执行率(%)');
    });
    return changed;
  }],
  'total-label-自评总分': ['自评总分 instead of 总分', (m) => each(m, (t) => relabel(m, t, 'total.label', '自评总分'))],
  'grade-label-绩效等级': ['绩效等级 instead of 评分等级', (m) => {
    let changed = false;
    each(m, (t) => { changed = relabel(m, t, 'grade.label', '绩效等级') || changed; });
    return changed;
  }],
  'blank-rows-inside': ['blank rows inside each table: after the funds rows, between the indicator header and the first indicator, and before 总分', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const sh = keyPos(m, t, 'anchor').sh;
      const tl = pos(m, t, 'total.label').r;
      const first = indRows(m, t)[0].r;
      const sub = allTags(m).filter((x) => x.tag.t === t && x.tag.f === 'fundsSub').map((x) => x.r);
      const fundsEnd = Math.max(keyPos(m, t, 'funds.full').r, ...sub);
      insertRows(sh, tl, 1);
      insertRows(sh, first, 1);
      insertRows(sh, fundsEnd + 1, 1);
    }
  }],
  // ---- labels and rows ----
  'anchor-inline': ['项目名称：NAME in one cell (the name cell emptied, merged across)', (m) => each(m, (t) => {
    const a = keyPos(m, t, 'anchor');
    const p = keyPos(m, t, 'project');
    if (!p || !hasValue(p.cell)) return;
    const name = p.cell.v;
    const pm = removeMergeAt(p.sh, p.r, p.c);
    const am = removeMergeAt(a.sh, a.r, a.c);
    setText(p.sh, p.r, p.c, null);
    setText(a.sh, a.r, a.c, `项目名称：${name}`);
    if (am || pm) a.sh.merges.push({ s: { r: a.r, c: a.c }, e: { r: a.r, c: (pm || am).e.c } });
  })],
  ...Object.fromEntries([
    ['l2-empty-row', 'an empty 二级指标 row (生态效益指标, nothing else) before 总分', () => ({ name: null, target: null, actual: null, weight: null, score: null })],
    ['l2-empty-row-slash', 'an empty 二级指标 row with "/" in 三级指标, 指标值, 完成值, 分值 and 得分, before 总分', () => ({ name: '/', target: '/', actual: '/', weight: '/', score: '/' })],
    ['l2-empty-row-dash', 'an empty 二级指标 row with 无 as 三级指标 and "—" in 指标值, 完成值, 分值, 得分, before 总分', () => ({ name: '无', target: '—', actual: '—', weight: '—', score: '—' })],
    ['l2-empty-row-zero', 'an empty 二级指标 row with 无 as 三级指标 and 0 as 分值 and 得分, before 总分', () => ({ name: '无', target: '无', actual: '无', weight: 0, score: 0 })],
  ].map(([name, doc, fill]) => [name, [doc, (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const l = pos(m, t, 'total.label');
      const sh = l.sh; const r = l.r;
      const col = (f) => pos(m, t, f) && pos(m, t, f).c;
      insertRows(sh, r, 1);
      const v = fill();
      setText(sh, r, col('ih.level1'), '效益指标');
      setText(sh, r, col('ih.level2'), '生态效益指标');
      if (v.name !== null) setText(sh, r, col('ih.name'), v.name);
      if (v.target !== null && col('ih.target') !== undefined) setText(sh, r, col('ih.target'), v.target);
      if (v.actual !== null && col('ih.actual') !== undefined) setText(sh, r, col('ih.actual'), v.actual);
      for (const f of ['weight', 'score']) {
        if (v[f] === null) continue;
        if (typeof v[f] === 'number') put(sh, r, col('ih.' + f), v[f], '0.00'); else setText(sh, r, col('ih.' + f), v[f]);
      }
    }
  }]])),
};

/** Realistic combinations: several clerk habits in one workbook (applied in this order). */
const COMBOS = {
  'combo-clerk-1': ['col-blank-after-name-block', 'hdr-synonyms-a', 'rate-as-text', 'footer-signature', 'pos-offset-per-table', 'pos-gap-mixed'],
  'combo-clerk-2': ['col-remark-trailing', 'hdr-spacing', 'num-text-fullwidth', 'title-doubled', 'total-label-合计', 'pos-sheet-per-table'],
  'combo-clerk-3': ['money-unit-swap', 'rate-as-percent-number', 'col-name-merged-2', 'l2-empty-row', 'grade-words', 'anchor-inline', 'pos-gap-1'],
  'combo-clerk-4': ['hdr-synonyms-b', 'col-blank-weight-score', 'rate-as-fraction', 'title-none', 'grade-on-total-row', 'l2-empty-row-zero', 'pos-gap-0'],
};
for (const [name, parts] of Object.entries(COMBOS)) {
  VARIANTS[name] = [`together: ${parts.join(' + ')}`, (m) => { for (const p of parts) VARIANTS[p][1](m); }];
}

/**
 * Several fixtures in one workbook (offices with different rounding conventions together):
 * 'sheets' keeps one sheet per fixture, 'one-sheet' stacks every table on one sheet.
 */
const MIXES = {
  'mix-offices-sheets': { layout: 'sheets', fixtures: ['000-stacked-official.xlsx', '001-stacked-official.xlsx', '002-stacked-flat.xlsx', '003-stacked-official.xlsx', '004-stacked-flat.xlsx'] },
  'mix-offices-one-sheet': { layout: 'one-sheet', fixtures: ['000-stacked-official.xlsx', '001-stacked-flat.xlsx', '002-stacked-official.xlsx', '003-stacked-flat.xlsx', '004-stacked-official.xlsx'] },
  'mix-mutants-one-sheet': { layout: 'one-sheet', fixtures: ['mut-shared-official.xlsx', 'mut-seeds-official.xlsx'] },
};

function mixModels(models, layout) {
  const out = { sheets: [], meta: { key: { file: 'mix', tables: [] }, tables: null, source: 'mix' } };
  let offset = 0;
  models.forEach((m, i) => {
    for (const x of allTags(m)) x.tag.t += offset;
    for (const sh of m.sheets) { sh.name = `${m.meta.source.slice(0, 3)}-${sh.name}`; out.sheets.push(sh); }
    for (const kt of m.meta.key.tables) out.meta.key.tables.push({ ...kt, truth: kt.truth.map((tr) => ({ ...tr })) });
    offset += m.meta.key.tables.length;
  });
  out.meta.tables = out.meta.key.tables;
  if (layout === 'one-sheet') {
    let row = 0;
    relayout(out, (t, blocks) => { const top = row; row += blocks[t].rows.length + 2; return { sheet: '自评表', top, left: 0 }; });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Self-check: in the written workbook, every cell the moved key names holds what the source
// cell held (compared by number, so text forms and 分/元 suffixes count as the same value).
// ---------------------------------------------------------------------------------------------
function valueOf(ws, a1) {
  const x = ws && ws[a1];
  if (!x || x.v === undefined || x.v === '') return null;
  if (typeof x.v === 'number') return x.v;
  const s = sq(x.v).replace(/(万元|元|分|%+)$/, '').replace(/,/g, '');
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? Number(s) : sq(x.v);
}

function verify(srcDir, srcName, outFile, key) {
  const src = XLSX.readFile(path.join(srcDir, srcName), { cellNF: true });
  const out = XLSX.readFile(outFile, { cellNF: true });
  const srcKey = JSON.parse(fs.readFileSync(path.join(srcDir, srcName.replace(/\.xlsx$/, '.key.json')), 'utf8'));
  const problems = [];
  const same = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && (Math.abs(a - b) < 1e-9 || Math.abs(a - 100 * b) < 1e-6 || Math.abs(100 * a - b) < 1e-6 || Math.abs(a * 10000 - b) < 1e-4 || Math.abs(a - b * 10000) < 1e-4 || Math.abs(a / 10000 - b) <= 0.005 + 1e-9));
  key.tables.forEach((kt, t) => {
    const st = srcKey.tables[t];
    const pairs = [['anchor', st.cells.anchor, kt.cells.anchor, st.sheet, kt.sheet]];
    for (const f of ['funds.rate', 'funds.score', 'funds.full', 'funds.exec', 'totalWeight', 'totalScore', 'grade']) if (kt.cells[f]) pairs.push([f, st.cells[f], kt.cells[f], st.sheet, kt.sheet]);
    st.indicators.forEach((ind, n) => pairs.push([`ind ${n}`, ind.scoreCell, kt.indicators[n].scoreCell, st.sheet, kt.sheet]));
    kt.truth.forEach((tr) => { const o = st.truth.find((x) => x.field === tr.field && x.category === tr.category && x.entered === tr.entered); pairs.push([`truth ${tr.field}`, o.cell, tr.cell, o.sheet, tr.sheet]); });
    for (const [what, a, b, sa, sb] of pairs) {
      let va = valueOf(src.Sheets[sa], a), vb = valueOf(out.Sheets[sb], b);
      if (what === 'anchor' && typeof vb === 'string' && vb.startsWith('项目名称')) vb = '项目名称';
      if ((what === 'grade' || what === 'truth grade') && typeof vb === 'string' && vb.startsWith('评分等级')) vb = vb.replace(/^评分等级:?/, '') || null;
      if ((what === 'grade' || what === 'truth grade') && typeof va === 'string' && typeof vb === 'string' && vb.startsWith(va)) continue;
      if (!same(va, vb)) problems.push(`${kt.sheet} T${t} ${what}: ${sa}!${a}=${JSON.stringify(va)} → ${sb}!${b}=${JSON.stringify(vb)}`);
    }
  });
  return problems;
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const [name, [doc]] of Object.entries(VARIANTS)) console.log(`${name.padEnd(30)} ${doc}`);
    return;
  }
  const wanted = args.length ? args : Object.keys(VARIANTS);
  for (const w of wanted) if (!VARIANTS[w] && !MIXES[w]) throw new Error(`unknown variant ${w}; --list shows them`);
  fs.mkdirSync(OUT, { recursive: true });
  if (!args.length) for (const f of fs.readdirSync(OUT)) if (/\.(xlsx|json)$/.test(f)) fs.unlinkSync(path.join(OUT, f));
  const fixtures = SOURCES.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort().map((f) => ({ dir, f })));
  let written = 0;
  for (const name of wanted.filter((w) => VARIANTS[w])) {
    for (const { dir, f } of fixtures) {
      const model = load(dir, f);
      const changed = VARIANTS[name][1](model);
      if (changed === false) continue;
      const base = `${name}__${f.replace(/\.xlsx$/, '')}`;
      const key = movedKey(model, name);
      key.file = base + '.xlsx';
      writeModel(model, path.join(OUT, base + '.xlsx'));
      fs.writeFileSync(path.join(OUT, base + '.key.json'), JSON.stringify(key, null, 1));
      const problems = verify(dir, f, path.join(OUT, base + '.xlsx'), key);
      if (problems.length) { console.error(`${base}: key check failed\n  ${problems.slice(0, 5).join('\n  ')}`); process.exitCode = 1; }
      written++;
    }
  }
  for (const [name, mix] of Object.entries(MIXES)) {
    if (args.length && !args.includes(name)) continue;
    const fx = mix.fixtures.map((f) => fixtures.find((x) => x.f === f));
    const model = mixModels(fx.map(({ dir, f }) => load(dir, f)), mix.layout);
    const key = movedKey(model, name);
    key.file = name + '.xlsx';
    key.sources = mix.fixtures;
    writeModel(model, path.join(OUT, name + '__mix.xlsx'));
    fs.writeFileSync(path.join(OUT, name + '__mix.key.json'), JSON.stringify(key, null, 1));
    written++;
  }
  console.log(`${written} workbooks written to ${path.relative(process.cwd(), OUT) || OUT}`);
}

if (require.main === module) main();
module.exports = {
  VARIANTS, load, movedKey, writeModel,
  // Helpers for other variant files (build2.js); exported only, nothing above changed.
  SOURCES, sq, isText, hasValue, shownNumber, formatDecimals, typed, commas, readModel, get, ensure, put, setText, addTag, allTags,
  pos, keyPos, indRows, extent, tablesOnSheet, insertCols, insertRows, deleteRows, moveCell, removeMergeAt, mergeAt,
  cutBlock, pasteBlock, relayout, restack, numberCells, percentOf, rateHeaderPercent, ratesExplicit, relabel, moneyUnitOf,
  each, indicatorBlock, wholeSheetInsert, blockInsert, mixModels, valueOf, FUNDS_FIELDS,
};
