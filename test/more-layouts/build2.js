#!/usr/bin/env node
/*
 * More layouts, round 2: transforms of the example workbooks with keys that build.js (round 1)
 * and test/engine/layouts.test.ts do not make — cell formats and formulas, numbers as Excel
 * stores what people type, label and comparator spellings, goal blocks, hidden and extra
 * columns, far offsets, empty and cover sheets, hundreds of tables. Reuses build.js's loader,
 * tags and key rebuild; writes ./out2/VARIANT__FIXTURE.xlsx + .key.json.
 *
 *   node test/more-layouts/build2.js [VARIANT...]   # all variants when none are given
 *   node test/more-layouts/build2.js --list         # names, what they do, and which are debatable
 *   npm run build:cli && node test/more-layouts/score.js --out out2 [VARIANT...]
 *
 * Plain node, CommonJS, only @e965/xlsx. Never imports src/ or build/. No variant changes what
 * is right: every transform keeps the value each cell shows (or, for the debatable ones marked
 * below, the value it stands for), so every truth stays where its tag moved it.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const XLSX = require('@e965/xlsx');
const B = require('./build.js');

const {
  SOURCES, load, movedKey, sq, isText, hasValue, shownNumber, get, put, setText, addTag, allTags, pos, keyPos, indRows, extent,
  insertCols, insertRows, deleteRows, moveCell, removeMergeAt, mergeAt, relayout, restack, numberCells, percentOf,
  rateHeaderPercent, relabel, each, blockInsert, mixModels, valueOf,
} = B;

const OUT = path.join(__dirname, 'out2');

// ---------------------------------------------------------------------------------------------
// Writer: build.js's, plus formulas (cell.f, cached value kept), error cells (t 'e'), number
// formats on any cell, hidden rows/columns (sheet.hiddenRows / sheet.hiddenCols: Sets).
// ---------------------------------------------------------------------------------------------
const ERRORS = { '#NULL!': 0x00, '#DIV/0!': 0x07, '#VALUE!': 0x0f, '#REF!': 0x17, '#NAME?': 0x1d, '#NUM!': 0x24, '#N/A': 0x2a };

function writeModel(model, file) {
  const wb = XLSX.utils.book_new();
  for (const sh of model.sheets) {
    const ws = {};
    let maxR = 0, maxC = 0;
    sh.rows.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell || cell.t === 'z' || cell.v === undefined || cell.v === null || (cell.v === '' && cell.t !== 'e')) return;
        const out = cell.t === 'e' ? { t: 'e', v: ERRORS[cell.v] ?? 0x07, w: cell.v } : { t: cell.t, v: cell.v };
        if (cell.t === 'n' && cell.z) out.z = cell.z;
        if (cell.f) out.f = cell.f;
        ws[XLSX.utils.encode_cell({ r, c })] = out;
        maxR = Math.max(maxR, r); maxC = Math.max(maxC, c);
      });
    });
    for (const m of sh.merges) { maxR = Math.max(maxR, m.e.r); maxC = Math.max(maxC, m.e.c); }
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    if (sh.merges.length) ws['!merges'] = sh.merges.map((m) => ({ s: { ...m.s }, e: { ...m.e } }));
    if (sh.hiddenCols && sh.hiddenCols.size) {
      ws['!cols'] = [];
      for (const c of sh.hiddenCols) ws['!cols'][c] = { hidden: true };
    }
    if (sh.hiddenRows && sh.hiddenRows.size) {
      ws['!rows'] = [];
      for (const r of sh.hiddenRows) ws['!rows'][r] = { hidden: true };
    }
    XLSX.utils.book_append_sheet(wb, ws, sh.name);
  }
  XLSX.writeFile(wb, file, { bookType: 'xlsx', compression: true });
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
const A1 = (r, c) => XLSX.utils.encode_cell({ r, c });
const decimalsOf = (s) => { const m = /\.(\d+)/.exec(String(s)); return m ? m[1].length : 0; };
const zeros = (d) => (d ? '0.' + '0'.repeat(d) : '0');
const num = (cell) => (cell && cell.t === 'n' ? cell.v : cell && isText(cell) && /^[\d.,]+$/.test(sq(cell.v)) ? Number(sq(cell.v).replace(/,/g, '')) : null);

/** The indicator rows of table t with their target/actual/weight/score cells: { sh, r, target, actual, weight, score } (columns). */
function indicatorCells(m, t) {
  const col = (f) => { const p = pos(m, t, f); return p ? p.c : null; };
  const cols = { target: col('ih.target'), actual: col('ih.actual'), weight: col('ih.weight'), score: col('ih.score'), name: col('ih.name') };
  return indRows(m, t).map((x) => ({ sh: x.sh, r: x.r, ...cols }));
}

/** Change the text of target/actual cells of every indicator row: fn(text, which, row info, index) → new value or undefined. */
function eachMeasure(m, which, fn) {
  let changed = false;
  each(m, (t) => {
    indicatorCells(m, t).forEach((x, i) => {
      for (const w of which) {
        const c = x[w];
        if (c === null || c === undefined) continue;
        const cell = get(x.sh, x.r, c);
        if (!isText(cell)) continue;
        const out = fn(cell.v, w, x, i, t);
        if (out === undefined || out === null) continue;
        if (typeof out === 'object') put(x.sh, x.r, c, out.v, out.z); else put(x.sh, x.r, c, out);
        changed = true;
      }
    });
  });
  return changed;
}

/** What Excel stores when a person types `text` in a General cell: a number (with the format Excel gives it) or null when it stays text. */
function excelTyped(text) {
  const s = String(text).trim();
  let mm = /^([+-]?\d+(?:\.\d+)?)%$/.exec(s);
  if (mm) return { v: Number((Number(mm[1]) / 100).toPrecision(15)), z: zeros(decimalsOf(mm[1])) + '%' };
  mm = /^[+-]?\d+(?:\.\d+)?$/.exec(s);
  if (mm) return { v: Number(s), z: decimalsOf(s) ? zeros(decimalsOf(s)) : undefined };
  mm = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.exec(s);
  if (mm) return { v: Number(s.replace(/,/g, '')), z: '#,##0' + (decimalsOf(s) ? '.' + '0'.repeat(decimalsOf(s)) : '') };
  return null;
}

/** Every rate cell of every table, as { t, sh, r, c, cell, p: percent string or null, hp: header says (%) }. */
function rateCells(m) {
  const out = [];
  each(m, (t) => {
    const hp = rateHeaderPercent(m, t);
    for (const { sh, r, c } of numberCells(m, t).rate) {
      const cell = get(sh, r, c);
      out.push({ t, sh, r, c, cell, hp, p: percentOf(cell, hp) });
    }
  });
  return out;
}

function nextFloat(x, up) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const bits = dv.getBigUint64(0);
  dv.setBigUint64(0, up === x > 0 ? bits + 1n : bits - 1n);
  return dv.getFloat64(0);
}

/** The (r, c) the funds block of table t spans: total row .. last sub-row. */
function fundsRows(m, t) {
  const fr = keyPos(m, t, 'funds.full').r;
  const sub = allTags(m).filter((x) => x.tag.t === t && x.tag.k === 'h' && x.tag.f === 'fundsSub').map((x) => x.r);
  return { first: fr, last: Math.max(fr, ...sub), sub };
}

/** The 年度总体目标 header row (the one naming 实际完成情况, between the funds rows and the indicator header), or null. */
function goalsHeaderRow(m, t) {
  const { sh } = extent(m, t);
  const { last } = fundsRows(m, t);
  const ih = pos(m, t, 'ih.name').r;
  for (let r = last + 1; r < ih; r++) {
    const row = sh.rows[r] || [];
    const a = row.findIndex((cell, c) => c >= 2 && isText(cell) && sq(cell.v).startsWith('实际完成'));
    const g = row.findIndex((cell, c) => c >= 2 && c < a && isText(cell) && /目标/.test(sq(cell.v)));
    if (a >= 0 && g >= 0) return { sh, r, goalCol: g, actualCol: a, ih };
  }
  return null;
}

/** Anchor-inline with a given separator and name (the name cell emptied, merged across), like build.js's anchor-inline. */
function inlineAnchor(m, t, text) {
  const a = keyPos(m, t, 'anchor');
  const p = keyPos(m, t, 'project');
  if (!p || !hasValue(p.cell)) return false;
  const pm = removeMergeAt(p.sh, p.r, p.c);
  const am = removeMergeAt(a.sh, a.r, a.c);
  const name = p.cell.v;
  setText(p.sh, p.r, p.c, null);
  setText(a.sh, a.r, a.c, text(name, t));
  if (am || pm) a.sh.merges.push({ s: { r: a.r, c: a.c }, e: { r: a.r, c: (pm || am).e.c } });
  return true;
}

/** Grade-inline with a given separator (the key's grade cell and its truths move to the label cell), like build.js's grade-inline. */
function inlineGrade(m, sep) {
  let changed = false;
  each(m, (t) => {
    const g = pos(m, t, 'grade.label'); const v = keyPos(m, t, 'grade');
    if (!g || !v || !hasValue(v.cell)) return;
    const sh = g.sh;
    const text = String(v.cell.v);
    const gm = removeMergeAt(sh, g.r, g.c); const vm = removeMergeAt(sh, v.r, v.c);
    const tags = v.cell._tags.filter((x) => x.k !== 'h');
    v.cell._tags = v.cell._tags.filter((x) => x.k === 'h');
    setText(sh, v.r, v.c, null);
    const cell = setText(sh, g.r, g.c, `评分等级${sep}${text}`);
    cell._tags.push(...tags);
    if (gm || vm) sh.merges.push({ s: { r: g.r, c: g.c }, e: { r: g.r, c: (vm || gm).e.c } });
    changed = true;
  });
  return changed;
}

/** Truth cells of table t, as "r,c" strings on its sheet. */
function truthCells(m, t) {
  return new Set(allTags(m).filter((x) => x.tag.k === 'truth' && x.tag.t === t).map((x) => `${x.r},${x.c}`));
}

const COMPARATOR = /^(>=|≥|=>|<=|≤|=<|>|<|=)\s*/;

/** Move rows from..from+n-1 (cells with their tags, merges inside them) so that they start where row `to` (an index before the move) was. */
function moveRows(sh, from, n, to) {
  const rows = sh.rows.slice(from, from + n).map((row) => (row ? [...row] : undefined));
  while (rows.length < n) rows.push(undefined);
  const inside = sh.merges.filter((x) => x.s.r >= from && x.e.r < from + n);
  if (sh.merges.some((x) => !inside.includes(x) && x.s.r < from + n && x.e.r >= from)) throw new Error('a merge crosses the moved rows');
  sh.merges = sh.merges.filter((x) => !inside.includes(x));
  sh.rows.splice(from, n, ...new Array(n).fill(undefined)); // keep indexes while cutting
  deleteRows(sh, from, n);
  const at = to > from ? to - n : to;
  insertRows(sh, at, n);
  while (sh.rows.length < at) sh.rows.push(undefined);
  rows.forEach((row, i) => { sh.rows[at + i] = row; });
  for (const x of inside) sh.merges.push({ s: { r: x.s.r - from + at, c: x.s.c }, e: { r: x.e.r - from + at, c: x.e.c } });
}

/**
 * The first table's form with its entered values cleared (amounts, rates, 分值 unless `weights`,
 * 得分, targets, actuals, totals, grade; names and texts kept), as a sheet 模板 with no tags.
 */
function blankTemplate(m, weights) {
  const { sh, top, bottom } = extent(m, 0);
  const clear = new Set();
  const cells = numberCells(m, 0);
  for (const { r, c } of [...cells.amount, ...cells.rate]) clear.add(`${r},${c}`);
  const keep = new Set();
  for (const { r, c } of cells.points) clear.add(`${r},${c}`);
  const inds = indicatorCells(m, 0);
  for (const x of inds) { for (const c of [x.target, x.actual, x.name]) clear.add(`${x.r},${c}`); if (weights) keep.add(`${x.r},${x.weight}`); }
  const tw = keyPos(m, 0, 'totalWeight'); const fw = keyPos(m, 0, 'funds.weight');
  if (weights) { if (tw) keep.add(`${tw.r},${tw.c}`); if (fw) keep.add(`${fw.r},${fw.c}`); }
  const g = keyPos(m, 0, 'grade'); if (g) clear.add(`${g.r},${g.c}`);
  const p = keyPos(m, 0, 'project'); if (p) clear.add(`${p.r},${p.c}`);
  const rows = [];
  for (let r = top; r <= bottom; r++) {
    rows.push((sh.rows[r] || []).map((cell, c) => {
      if (!cell || cell.t === 'z') return undefined;
      if (clear.has(`${r},${c}`) && !keep.has(`${r},${c}`)) return undefined;
      return { t: cell.t, v: cell.v, z: cell.z };
    }));
  }
  const merges = sh.merges.filter((x) => x.s.r >= top && x.e.r <= bottom).map((x) => ({ s: { r: x.s.r - top, c: x.s.c }, e: { r: x.e.r - top, c: x.e.c } }));
  return { name: '模板', rows, merges };
}

// ---------------------------------------------------------------------------------------------
// The variants. [doc, apply, debatable?]
// ---------------------------------------------------------------------------------------------
const VARIANTS = {
  identity: ['no change: read and written back by this script (the baseline of score.js\'s "unchecked±")', () => true],
  // ---- how Excel stores what people type ----
  'measure-typed-numbers': ['targets/actuals a person types as "35%", "0%", "55", "10000" stored the way Excel stores them: numbers (0.35 with 0% format, 55 General)', (m) =>
    eachMeasure(m, ['target', 'actual'], (v) => excelTyped(v))],
  'measure-typed-percent-only': ['only the targets/actuals typed as "35%" / "7.6%" stored as Excel does: 0.35 with a 0% / 0.0% format', (m) =>
    eachMeasure(m, ['target', 'actual'], (v) => (/%\s*$/.test(String(v).trim()) ? excelTyped(v) : null))],
  'measure-typed-plain-numbers': ['only the targets/actuals typed as bare numbers ("55", "10000", "0") stored as numbers', (m) =>
    eachMeasure(m, ['target', 'actual'], (v) => (/%/.test(v) ? null : excelTyped(v)))],
  // ---- number formats and formulas ----
  'rate-format-quoted-pct': ['执行率 as a percent number (78.24) with the custom format 0.00"%" (a literal %, no ×100) under a plain 执行率 header', (m) => {
    let changed = false;
    for (const x of rateCells(m)) {
      if (x.p === null) continue;
      put(x.sh, x.r, x.c, Number(x.p), zeros(Math.max(2, decimalsOf(x.p))) + '"%"');
      changed = true;
    }
    each(m, (t) => { if (rateHeaderPercent(m, t)) relabel(m, t, 'fh.rate', '执行率'); });
    return changed;
  }],
  'rate-format-escaped-pct': ['执行率 as a percent number (78.24) with the custom format 0.00\\% (an escaped literal %) under a plain 执行率 header', (m) => {
    let changed = false;
    for (const x of rateCells(m)) {
      if (x.p === null) continue;
      put(x.sh, x.r, x.c, Number(x.p), zeros(Math.max(2, decimalsOf(x.p))) + '\\%');
      changed = true;
    }
    each(m, (t) => { if (rateHeaderPercent(m, t)) relabel(m, t, 'fh.rate', '执行率'); });
    return changed;
  }],
  'rate-pct-formats': ['执行率 as fractions with the formats 0%, 0.0%, 0.000%, 0.00%;[红色]-0.00% in turn (value unchanged)', (m) => {
    const formats = ['0%', '0.0%', '0.000%', '0.00%;[红色]-0.00%'];
    let i = 0; let changed = false;
    for (const x of rateCells(m)) {
      if (x.p === null) continue;
      put(x.sh, x.r, x.c, Number((Number(x.p) / 100).toPrecision(12)), formats[i++ % formats.length]);
      changed = true;
    }
    each(m, (t) => { if (rateHeaderPercent(m, t)) relabel(m, t, 'fh.rate', '执行率'); });
    return changed;
  }],
  'num-formats-exotic': ['amounts formatted #,##0.00_ / #,##0.00;[红色]-#,##0.00 / [$¥-804]#,##0.00, points 0.00_ / 0.00;[Red]-0.00 / 0.00"分" (values unchanged)', (m) => {
    const af = ['#,##0.00_ ', '#,##0.00;[红色]-#,##0.00', '[$¥-804]#,##0.00', '#,##0.00_);[Red]\\(#,##0.00\\)'];
    const pf = ['0.00_ ', '0.00;[Red]-0.00', '0.00"分"', '0.0_);[红色]\\(0.0\\)'];
    let i = 0;
    each(m, (t) => {
      const cells = numberCells(m, t);
      for (const { sh, r, c } of cells.amount) { const x = get(sh, r, c); if (x && x.t === 'n') put(sh, r, c, x.v, af[i++ % af.length]); }
      for (const { sh, r, c } of cells.points) { const x = get(sh, r, c); if (x && x.t === 'n') put(sh, r, c, x.v, Number.isInteger(x.v * 10) ? pf[i++ % pf.length] : pf[i++ % 3]); }
    });
  }],
  'formula-cached': ['执行率 =F/E, budget 得分 =ROUND(G*H,2), 总分 =SUM(...), 分值 total =SUM(...), 评分等级 =IF(...): formulas whose cached values are the entered ones', (m) => each(m, (t) => {
    const kp = (f) => keyPos(m, t, f);
    const rate = kp('funds.rate'), full = kp('funds.full'), exec = kp('funds.exec'), w = kp('funds.weight'), s = kp('funds.score');
    const at = (p) => A1(p.r, p.c);
    const rc = rate && get(rate.sh, rate.r, rate.c);
    if (rc && rc.t === 'n' && full && exec) rc.f = rc.z && rc.z.includes('%') ? `${at(exec)}/${at(full)}` : `ROUND(${at(exec)}/${at(full)}*100,2)`;
    const sc = s && get(s.sh, s.r, s.c);
    if (sc && sc.t === 'n' && w && rate && s) sc.f = `ROUND(${at(w)}*${at(rate)},2)`;
    const inds = indicatorCells(m, t);
    const ts = kp('totalScore'), tw = kp('totalWeight');
    const tsc = ts && get(ts.sh, ts.r, ts.c);
    if (tsc && tsc.t === 'n' && inds.length && s) tsc.f = `SUM(${at(s)},${A1(inds[0].r, inds[0].score)}:${A1(inds[inds.length - 1].r, inds[0].score)})`;
    const twc = tw && get(tw.sh, tw.r, tw.c);
    if (twc && twc.t === 'n' && inds.length && w) twc.f = `SUM(${at(w)},${A1(inds[0].r, inds[0].weight)}:${A1(inds[inds.length - 1].r, inds[0].weight)})`;
    const g = kp('grade'); const gc = g && get(g.sh, g.r, g.c);
    if (gc && isText(gc) && ts) gc.f = `IF(${at(ts)}>=90,"优",IF(${at(ts)}>=80,"良",IF(${at(ts)}>=60,"中","差")))`;
  })],
  'float-artefacts': ['every non-integer number (amounts, rates, 分值/得分/总分) one binary float away, as formulas leave them (89.82 → 89.82000000000001)', (m) => each(m, (t) => {
    const cells = numberCells(m, t);
    let i = 0;
    for (const { sh, r, c } of [...cells.amount, ...cells.points, ...cells.rate]) {
      const x = get(sh, r, c);
      if (x && x.t === 'n' && !Number.isInteger(x.v)) put(sh, r, c, nextFloat(x.v, i++ % 2 === 0), x.z);
    }
  })],
  'rate-div0-subrows': ['the 执行率 of funds sub-rows whose 全年预算数 is 0 or empty holds #DIV/0! (a formula over 0)', (m) => {
    let changed = false;
    each(m, (t) => {
      const rc = keyPos(m, t, 'funds.rate'); const fc = keyPos(m, t, 'funds.full');
      if (!rc || !fc) return;
      for (const r of fundsRows(m, t).sub) {
        const full = get(fc.sh, r, fc.c);
        if (num(full) === 0 || !hasValue(full)) { const cell = put(rc.sh, r, rc.c, null); cell.t = 'e'; cell.v = '#DIV/0!'; changed = true; }
      }
    });
    return changed;
  }],
  // ---- numbers stored as text, new spellings ----
  'rate-text-paren-pct': ['执行率 as text "99.66(%)" (the 实际完成值 style of the same system)', (m) => {
    let changed = false;
    for (const x of rateCells(m)) { if (x.p !== null) { put(x.sh, x.r, x.c, `${x.p}(%)`); changed = true; } }
    return changed;
  }],
  'num-text-currency': ['amounts as text with a currency sign: "¥2,382,800.00" / "￥2,382,800.00"', (m) => each(m, (t) => {
    for (const { sh, r, c } of numberCells(m, t).amount) {
      const x = get(sh, r, c);
      const s = x && x.t === 'n' ? shownNumber(x) : isText(x) && /^[\d.,]+$/.test(sq(x.v)) ? sq(x.v) : null;
      if (s !== null) put(sh, r, c, (t % 2 ? '￥' : '¥') + s);
    }
  })],
  'num-text-apostrophe': ['amounts, 分值/得分/总分 and rates as text with a literal leading apostrophe ("\'30.00", "\'78.24%"), as some exports write them', (m) => each(m, (t) => {
    const cells = numberCells(m, t);
    for (const { sh, r, c } of [...cells.amount, ...cells.points]) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, "'" + shownNumber(x));
    }
    const hp = rateHeaderPercent(m, t);
    for (const { sh, r, c } of cells.rate) { const p = percentOf(get(sh, r, c), hp); if (p !== null) put(sh, r, c, `'${p}%`); }
  })],
  'num-text-zwsp': ['numbers as text with a zero-width space / BOM around them (copied from a web page: "10.00\\u200b", "\\ufeff9.96")', (m) => each(m, (t) => {
    const cells = numberCells(m, t);
    let i = 0;
    for (const { sh, r, c } of [...cells.amount, ...cells.points]) {
      const x = get(sh, r, c);
      if (x && x.t === 'n') put(sh, r, c, i++ % 2 ? shownNumber(x) + '\u200b' : '\ufeff' + shownNumber(x));
    }
  })],
  // ---- labels and text ----
  'labels-spaced-colon': ['labels spaced out and with full-width colons: "项 目 名 称：", "总　　分：", "评 分 等 级：", "年度资金总额："', (m) => each(m, (t) => {
    const a = keyPos(m, t, 'anchor'); setText(a.sh, a.r, a.c, '项 目 名 称：');
    relabel(m, t, 'total.label', '总　　分：');
    relabel(m, t, 'grade.label', '评 分 等 级：');
  })],
  'labels-linebreak-mid-word': ['header and label words broken mid-word: "三级指\\n标", "全年预\\n算数", "执\\n行率", "分\\n值", "项目\\n名称", "总\\n分", "评分\\n等级"', (m) => each(m, (t) => {
    const map = { 'fh.full': '全年预\n算数', 'fh.exec': '全年执\n行数', 'fh.rate': '执\n行率', 'fh.weight': '分\n值', 'fh.score': '得\n分', 'ih.name': '三级指\n标', 'ih.target': '年度指标\n值', 'ih.actual': '实际完\n成值', 'ih.weight': '分\n值', 'ih.score': '得\n分', 'total.label': '总\n分', 'grade.label': '评分\n等级' };
    for (const [f, text] of Object.entries(map)) {
      const p = pos(m, t, f);
      if (!p) continue;
      const pct = /[(（]%[)）]/.test(String(p.cell.v)) ? '(%)' : '';
      relabel(m, t, f, text + pct);
    }
    const a = keyPos(m, t, 'anchor'); setText(a.sh, a.r, a.c, '项目\n名称');
  })],
  'anchor-inline-long': ['项目名称：NAME in one cell with a full official name (over 40 characters)', (m) => {
    let changed = false;
    each(m, (t) => { changed = inlineAnchor(m, t, (name) => `项目名称：2024年度上海市人民政府办公厅本级部门预算项目——${name}（第二期续建）`) || changed; });
    return changed;
  }],
  'anchor-inline-space': ['项目名称 and the name in one cell separated by spaces or a line break ("项目名称  NAME", "项目名称\\nNAME")', (m) => {
    let changed = false;
    each(m, (t) => { changed = inlineAnchor(m, t, (name) => (t % 2 ? `项目名称\n${name}` : `项目名称  ${name}`)) || changed; });
    return changed;
  }],
  'grade-inline-space': ['"评分等级  优" in the label cell (spaces, no colon; key and truth move to the label cell)', (m) => inlineGrade(m, '  ')],
  'comparators-variety': ['target comparators spelt ≧ ＞＝ 不低于 大于等于 / ≦ ＜＝ 不高于 小于等于 / ＞ 高于 / ＜ 低于 / ＝ 等于, in turn', (m) => {
    const alt = { '>=': ['≧', '＞＝', '不低于', '大于等于', '≥ '], '<=': ['≦', '＜＝', '不高于', '小于等于', '≤ '], '>': ['＞', '高于', '大于'], '<': ['＜', '低于', '小于'], '=': ['＝', '等于'] };
    const canon = { '≥': '>=', '=>': '>=', '≤': '<=', '=<': '<=' };
    return eachMeasure(m, ['target'], (v, w, x, i) => {
      const mm = COMPARATOR.exec(v);
      if (!mm) return null;
      const k = canon[mm[1]] || mm[1];
      return alt[k][i % alt[k].length] + v.slice(mm[0].length);
    });
  }],
  'comparators-redundant-suffix': ['targets written with a comparator and a redundant 以上/以下 ("≥90%以上", "≤5%以下", "≥480万人以上")', (m) => eachMeasure(m, ['target'], (v) => {
    const mm = COMPARATOR.exec(v);
    if (!mm || /[^\d.%()（）\p{L}]/u.test(v.slice(mm[0].length))) return null;
    const rest = v.slice(mm[0].length).replace(/\((%|百分比)\)$/, '%');
    if (['>=', '≥', '=>'].includes(mm[1])) return `≥${rest}以上`;
    if (['<=', '≤', '=<'].includes(mm[1])) return `≤${rest}以下`;
    return null;
  })],
  'target-bare-number': ['higher-is-better targets without comparator (">=90%" → "90%", "=100.00(%)" → "100.00(%)"; never for ≤ or a 0 target)', (m) => eachMeasure(m, ['target'], (v) => {
    const mm = COMPARATOR.exec(v);
    if (!mm || !['>=', '≥', '=>', '='].includes(mm[1])) return null;
    const rest = v.slice(mm[0].length);
    const n = /^(\d+(?:\.\d+)?)/.exec(rest);
    if (!n || Number(n[1]) === 0) return null;
    return rest;
  })],
  'actual-with-note': ['numeric actuals followed by a note: "100%（已完成）", "95.00(%)（达标）"', (m) => eachMeasure(m, ['actual'], (v, w, x, i) => (/^\d+(\.\d+)?(%|\(%\))$/.test(sq(v)) ? `${v}（${i % 2 ? '达标' : '已完成'}）` : null))],
  // ---- blocks and rows ----
  'goals-inline-row': ['年度总体目标 on one row: 预期目标 | goal text | 实际完成情况 | text, directly above the indicator header', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const g = goalsHeaderRow(m, t);
      if (!g || g.r + 1 >= g.ih) continue;
      const { sh, r, goalCol, actualCol } = g;
      const merged = sh.merges.length > 0;
      const am = mergeAt(sh, r, actualCol) || mergeAt(sh, r + 1, actualCol);
      const right = am ? am.e.c : actualCol + 1;
      for (const c of [goalCol, actualCol]) { removeMergeAt(sh, r, c); removeMergeAt(sh, r + 1, c); }
      if (hasValue(get(sh, r, goalCol + 1)) || hasValue(get(sh, r, actualCol + 1))) throw new Error('goal header row not free');
      if (get(sh, r + 1, goalCol)) moveCell(sh, r + 1, goalCol, r, goalCol + 1);
      if (get(sh, r + 1, actualCol)) moveCell(sh, r + 1, actualCol, r, actualCol + 1);
      deleteRows(sh, r + 1, 1);
      if (merged) {
        if (actualCol - 1 > goalCol + 1) sh.merges.push({ s: { r, c: goalCol + 1 }, e: { r, c: actualCol - 1 } });
        if (right > actualCol + 1) sh.merges.push({ s: { r, c: actualCol + 1 }, e: { r, c: right } });
      }
      changed = true;
    }
    return changed;
  }],
  'goals-content-row-removed': ['年度总体目标 without its content row (the 预期目标 | 实际完成情况 header row directly above the indicator header)', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const g = goalsHeaderRow(m, t);
      if (!g || g.r + 1 >= g.ih) continue;
      deleteRows(g.sh, g.r + 1, 1);
      changed = true;
    }
    return changed;
  }],
  'funds-merged-values': ['funds 分值, 执行率 and 得分 each merged down over the 年度资金总额 row and its sub-rows (sub-row values cleared)', (m) => each(m, (t) => {
    const { first, last } = fundsRows(m, t);
    if (last === first) return;
    for (const f of ['funds.weight', 'funds.rate', 'funds.score']) {
      const p = keyPos(m, t, f);
      if (!p) continue;
      if (mergeAt(p.sh, p.r, p.c)) continue;
      for (let r = first + 1; r <= last; r++) { const c = get(p.sh, r, p.c); if (c) { if (c._tags) throw new Error('tagged sub-row cell'); p.sh.rows[r][p.c] = undefined; } }
      p.sh.merges.push({ s: { r: first, c: p.c }, e: { r: last, c: p.c } });
    }
  })],
  'title-unit-line': ['a 填报单位（盖章）：… | 金额单位：… line right above every 项目名称 row', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const a = keyPos(m, t, 'anchor');
      insertRows(a.sh, a.r, 1);
      const r = a.r; // the anchor moved down; r is the new row
      setText(a.sh, r, 0, '填报单位（盖章）：上海市人民政府办公厅');
      setText(a.sh, r, 6, `金额单位：${B.moneyUnitOf(m, t)}`);
      for (const c of [0, 6]) addTag(get(a.sh, r, c), { k: 'h', t, f: 'title' });
    }
  }],
  // ---- columns ----
  'col-unit-split': ['a 计量单位 column between 年度指标值 and 实际完成值, the unit cut off both texts where they share it (">=120万人次" | "万人次" | "500")', (m) => each(m, (t) => {
    const tg = pos(m, t, 'ih.target');
    blockInsert(m, t, tg.c + 1);
    setText(tg.sh, tg.r, tg.c + 1, '计量单位');
    const ac = pos(m, t, 'ih.actual').c;
    const split = (s) => { const mm = /^(.*?\d[\d.,]*)\s*(?:\(([^()\d]+)\)|([^\d()]+))?$/.exec(sq(s)); return mm ? { n: mm[1], u: mm[2] || mm[3] || '' } : null; };
    for (const x of indRows(m, t)) {
      const a = get(tg.sh, x.r, tg.c); const b = get(tg.sh, x.r, ac);
      if (!isText(a) || !isText(b)) continue;
      const sa = split(a.v); const sb = split(b.v);
      if (!sa || !sb || !sa.u || sa.u !== sb.u || /\d/.test(sa.u)) continue;
      setText(tg.sh, x.r, tg.c, sa.n); setText(tg.sh, x.r, ac, sb.n);
      setText(tg.sh, x.r, tg.c + 1, sa.u === '百分比' ? '%' : sa.u);
    }
  })],
  'col-serial-numbered': ['a 序号 column inserted at A on every sheet, numbering the indicator rows 1, 2, 3 … (numbers)', (m) => {
    for (const sh of m.sheets) insertCols(sh, 0, 1);
    each(m, (t) => {
      const ih = pos(m, t, 'ih.name');
      setText(ih.sh, ih.r, 0, '序号');
      indRows(m, t).forEach((x, i) => put(x.sh, x.r, 0, i + 1));
    });
  }],
  'col-extra-numeric-rate': ['an extra 完成率 column between 实际完成值 and 分值 holding numbers (0.95 with a 0.00% format)', (m) => each(m, (t) => {
    const w = pos(m, t, 'ih.weight');
    blockInsert(m, t, w.c);
    setText(w.sh, w.r, w.c, '完成率');
    const tc = pos(m, t, 'ih.target').c, ac = pos(m, t, 'ih.actual').c;
    for (const x of indRows(m, t)) {
      const n = (cell) => { const mm = isText(cell) && /(\d+(?:\.\d+)?)/.exec(cell.v); return mm ? Number(mm[1]) : null; };
      const a = n(get(w.sh, x.r, ac)), g = n(get(w.sh, x.r, tc));
      put(w.sh, x.r, w.c, a !== null && g ? Number((a / g).toPrecision(6)) : 1, '0.00%');
    }
  })],
  'col-hidden-stale': ['a hidden 上年得分 column (numbers) between 分值 and 得分 and a hidden empty row after the indicator header', (m) => each(m, (t) => {
    const s = pos(m, t, 'ih.score');
    blockInsert(m, t, s.c);
    setText(s.sh, s.r, s.c, '上年得分');
    for (const x of indRows(m, t)) put(s.sh, x.r, s.c, 5, '0.00');
    (s.sh.hiddenCols ??= new Set()).add(s.c);
    const ih = pos(m, t, 'ih.name');
    insertRows(ih.sh, ih.r + 1, 1);
    (ih.sh.hiddenRows ??= new Set()).add(ih.r + 1);
  })],
  // ---- sheets and positions ----
  'sheet-empty-first': ['an empty sheet Sheet1 first and an empty Sheet3 last', (m) => {
    m.sheets.unshift({ name: 'Sheet1', rows: [], merges: [] });
    m.sheets.push({ name: 'Sheet3', rows: [], merges: [] });
  }],
  'sheet-cover-prose': ['a cover sheet first: title, "项目名称：详见各表", 填表说明 prose naming 总分, 评分等级, 执行率', (m) => {
    const lines = ['2024年度项目支出绩效自评报告', '', '项目名称：详见各表', '填报单位（盖章）：上海市人民政府办公厅', '填表说明：',
      '1. 项目名称应与预算批复一致，金额单位见各表。', '2. 执行率 = 全年执行数 ÷ 全年预算数；得分 = 分值 × 执行率。',
      '3. 总分 = 预算执行得分 + 各项指标得分；评分等级：90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差。'];
    m.sheets.unshift({ name: '封面', rows: lines.map((v) => (v ? [{ t: 's', v }] : undefined)), merges: [] });
  }],
  'pos-far-offset': ['every table starting at row 1000, column AC (the used range far from A1)', (m) => restack(m, { top: 999, left: () => 28 })],
  'pos-sheet-names-odd': ["one table per sheet with odd sheet names: \"1\", \"项目 (2)\", \"O'Neil 项目\", \"表-3 \", 31 characters …", (m) => {
    const names = ['1', '项目 (2)', "O'Neil 项目", '表-3 ', '二〇二四年度财政项目支出绩效自评表（一号项目明细）', '汇总 & 明细', '#6', '项目@7', '2024.8', 'Sheet 9'];
    relayout(m, (t) => ({ sheet: t < names.length ? names[t].slice(0, 31) : `项目 (${t + 1})`, top: 0, left: 0 }));
  }],
  'goals-before-funds': ['the 年度总体目标 rows moved above the 项目资金 header (goals, then funds, then indicators)', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const g = goalsHeaderRow(m, t);
      const fh = pos(m, t, 'fh.full');
      if (!g || g.r + 1 >= g.ih) continue;
      const { sh } = g;
      const n = 2;
      const rows = sh.rows.slice(g.r, g.r + n).map((row) => (row ? [...row] : undefined));
      const inside = sh.merges.filter((x) => x.s.r >= g.r && x.e.r < g.r + n);
      sh.merges = sh.merges.filter((x) => !inside.includes(x));
      const tags = deleteRows(sh, g.r, n);
      if (tags.length) throw new Error('tagged goal rows');
      const at = fh.r; // the funds header is above the goals: its row did not move
      insertRows(sh, at, n);
      rows.forEach((row, i) => { sh.rows[at + i] = row; });
      for (const x of inside) sh.merges.push({ s: { r: x.s.r - g.r + at, c: x.s.c }, e: { r: x.e.r - g.r + at, c: x.e.c } });
      changed = true;
    }
    return changed;
  }],
  'funds-after-indicators': ['the 项目资金 block (header and its rows) moved below 总分/评分等级 (indicators first, then funds)', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const fh = pos(m, t, 'fh.full'); const { last } = fundsRows(m, t);
      const { sh, bottom } = extent(m, t);
      moveRows(sh, fh.r, last - fh.r + 1, bottom + 1);
    }
  }],
  'page-header-between-tables': ['the indicator header row printed again between stacked tables (a page-break title copied in), right above the next 项目名称', (m) => {
    let changed = false;
    for (let t = m.meta.tables.length - 1; t >= 1; t--) {
      const a = keyPos(m, t, 'anchor'); const prev = keyPos(m, t - 1, 'anchor');
      if (a.sh !== prev.sh) continue;
      const ih = pos(m, t - 1, 'ih.name');
      const header = (ih.sh.rows[ih.r] || []).map((cell) => (hasValue(cell) ? { t: cell.t, v: cell.v } : undefined));
      const top = extent(m, t).top;
      insertRows(a.sh, top, 1);
      header.forEach((cell, c) => { if (cell) (a.sh.rows[top] ??= [])[c] = cell; });
      changed = true;
    }
    return changed;
  }],
  'col-funds-extra-after-exec': ['an extra 结余资金 column (全年预算数 − 全年执行数, numbers) between 全年执行数 and 分值, funds block only', (m) => each(m, (t) => {
    const he = pos(m, t, 'fh.exec'); const hf = pos(m, t, 'fh.full');
    const sh = he.sh; const { last } = fundsRows(m, t);
    insertCols(sh, he.c + 1, 1, he.r, last);
    setText(sh, he.r, he.c + 1, '结余资金');
    for (let r = he.r + 1; r <= last; r++) {
      const f = num(get(sh, r, hf.c)), e = num(get(sh, r, he.c));
      if (f !== null && e !== null) put(sh, r, he.c + 1, Number((f - e).toPrecision(15)), '#,##0.00');
    }
  })],
  'sheet-blank-template': ['a last sheet 模板 holding the empty form (labels and headers of the first table, every entered value cleared)', (m) => {
    m.sheets.push(blankTemplate(m, false));
  }],
  // ---- debatable: a checker could refuse these ----
  'sheet-template-weights': ['a last sheet 模板: the empty form with only the 分值 pre-filled (10 … and 100), no amounts, rates, scores', (m) => {
    m.sheets.push(blankTemplate(m, true));
  }, true],
  'hdr-bilingual': ['bilingual headers: "分值 Weight", "得分 Score", "三级指标 Indicator", "全年预算数 Budget", "全年执行数 Executed"', (m) => each(m, (t) => {
    const map = { 'fh.full': '全年预算数 Budget', 'fh.exec': '全年执行数 Executed', 'fh.weight': '分值 Weight', 'fh.score': '得分 Score', 'ih.name': '三级指标 Indicator', 'ih.weight': '分值 Weight', 'ih.score': '得分 Score' };
    for (const [f, text] of Object.entries(map)) relabel(m, t, f, text);
  }), true],
  'anchor-label-suffix': ['项目名称（全称） as the anchor label', (m) => each(m, (t) => { const a = keyPos(m, t, 'anchor'); setText(a.sh, a.r, a.c, '项目名称（全称）'); }), true],
  'total-label-points': ['总分（100分） as the 总分 label', (m) => each(m, (t) => relabel(m, t, 'total.label', '总分（100分）')), true],
  'grade-with-total': ['评分等级 written with the score: "优（89.82分）"', (m) => {
    let changed = false;
    each(m, (t) => {
      const g = keyPos(m, t, 'grade'); const ts = keyPos(m, t, 'totalScore');
      if (!g || !isText(g.cell) || !ts) return;
      const total = num(get(ts.sh, ts.r, ts.c));
      if (total === null) return;
      setText(g.sh, g.r, g.c, `${sq(g.cell.v)}（${total}分）`); changed = true;
    });
    return changed;
  }, true],
  'col-weight-dup-权重': ['an extra 权重 column (10%, 0% format) right before 分值 in the indicator block', (m) => each(m, (t) => {
    const w = pos(m, t, 'ih.weight');
    blockInsert(m, t, w.c);
    setText(w.sh, w.r, w.c, '权重');
    for (const x of indRows(m, t)) { const v = num(get(w.sh, x.r, w.c + 1)); if (v !== null) put(w.sh, x.r, w.c, v / 100, '0%'); }
  }), true],
  'funds-header-two-row': ['funds header over two rows: 预算数 merged over 年初 | 全年 on top, 全年执行数/分值/执行率/得分 merged down', (m) => {
    for (let t = m.meta.tables.length - 1; t >= 0; t--) {
      const hi = pos(m, t, 'fh.initial'); const hf = pos(m, t, 'fh.full');
      if (!hi || hf.c !== hi.c + 1) continue;
      const sh = hi.sh; const r = hi.r;
      insertRows(sh, r + 1, 1);
      moveCell(sh, r, hi.c, r + 1, hi.c); setText(sh, r + 1, hi.c, '年初');
      moveCell(sh, r, hf.c, r + 1, hf.c); setText(sh, r + 1, hf.c, '全年');
      setText(sh, r, hi.c, '预算数');
      sh.merges.push({ s: { r, c: hi.c }, e: { r, c: hf.c } });
      for (const f of ['fh.exec', 'fh.weight', 'fh.rate', 'fh.score']) { const p = pos(m, t, f); if (p && p.r === r && !mergeAt(sh, r, p.c)) sh.merges.push({ s: { r, c: p.c }, e: { r: r + 1, c: p.c } }); }
    }
  }, true],
  'score-formula-unrounded': ['budget and unmet indicator 得分 as unrounded formula results shown with 0.00 (7.824 shown 7.82) where the shown value is the entered one; totals =SUM of them', (m) => each(m, (t) => {
    const truth = truthCells(m, t);
    const parts = [];
    const rp = keyPos(m, t, 'funds.rate'), wp = keyPos(m, t, 'funds.weight'), sp = keyPos(m, t, 'funds.score');
    if (rp && wp && sp) {
      const p = percentOf(get(rp.sh, rp.r, rp.c), rateHeaderPercent(m, t));
      const w = num(get(wp.sh, wp.r, wp.c)); const s = get(sp.sh, sp.r, sp.c);
      if (p !== null && w && s && s.t === 'n' && !truth.has(`${sp.r},${sp.c}`)) {
        const raw = Number((w * Number(p) / 100).toPrecision(15));
        if (raw !== s.v && Math.abs(Math.round(raw * 100) / 100 - s.v) < 1e-9) { put(sp.sh, sp.r, sp.c, raw, '0.00').f = `${A1(wp.r, wp.c)}*${A1(rp.r, rp.c)}`; }
      }
      parts.push(get(sp.sh, sp.r, sp.c));
    }
    for (const x of indicatorCells(m, t)) {
      const sc = get(x.sh, x.r, x.score); const wc = get(x.sh, x.r, x.weight);
      parts.push(sc);
      const tg = get(x.sh, x.r, x.target), ac = get(x.sh, x.r, x.actual);
      if (!isText(tg) || !isText(ac) || !sc || sc.t !== 'n' || !wc || wc.t !== 'n' || truth.has(`${x.r},${x.score}`)) continue;
      const a = /^(?:>=|≥)\s*(\d+(?:\.\d+)?)(.*)$/.exec(sq(tg.v)); const b = /^(\d+(?:\.\d+)?)(.*)$/.exec(sq(ac.v));
      if (!a || !b || a[2] !== b[2] || Number(b[1]) >= Number(a[1])) continue;
      const raw = Number((wc.v * Number(b[1]) / Number(a[1])).toPrecision(15));
      if (raw !== sc.v && Math.abs(Math.round(raw * 100) / 100 - sc.v) < 1e-9) put(x.sh, x.r, x.score, raw, '0.00').f = `${A1(x.r, x.weight)}*${A1(x.r, x.actual)}/${A1(x.r, x.target)}`;
    }
    const ts = keyPos(m, t, 'totalScore');
    if (ts && !truth.has(`${ts.r},${ts.c}`) && parts.every((c) => !c || !hasValue(c) || c.t === 'n')) {
      const cur = get(ts.sh, ts.r, ts.c);
      const sum = parts.reduce((s, c) => s + (c && c.t === 'n' ? c.v : 0), 0);
      if (cur && cur.t === 'n' && Math.abs(sum - cur.v) < 0.0051 && sum !== cur.v) put(ts.sh, ts.r, ts.c, sum, '0.00').f = 'SUM(...)';
    }
  }), true],
  'rate-formula-exact': ['执行率 (where it is no truth) as the exact formula result 全年执行数 ÷ 全年预算数 shown with 0.00% (0.782340790… shown 78.23%)', (m) => {
    let changed = false;
    each(m, (t) => {
      const truth = truthCells(m, t);
      const rp = keyPos(m, t, 'funds.rate'), fp = keyPos(m, t, 'funds.full'), ep = keyPos(m, t, 'funds.exec');
      if (!rp || !fp || !ep || truth.has(`${rp.r},${rp.c}`)) return;
      const full = num(get(fp.sh, fp.r, fp.c)), exec = num(get(ep.sh, ep.r, ep.c));
      if (!full || exec === null) return;
      const p = percentOf(get(rp.sh, rp.r, rp.c), rateHeaderPercent(m, t));
      if (p === null || Math.abs(Number(p) - Math.min(100, exec / full * 100)) > 0.01 || exec > full) return; // only rates within rounding of the quotient
      put(rp.sh, rp.r, rp.c, exec / full, '0.00%').f = `${A1(ep.r, ep.c)}/${A1(fp.r, fp.c)}`;
      if (rateHeaderPercent(m, t)) relabel(m, t, 'fh.rate', '执行率');
      changed = true;
    });
    return changed;
  }, true],
  'measure-unit-words-typed': ['targets/actuals with 百分比 typed as Excel stores "95%" (0.95, 0% format) on one side only: "≥90(百分比)" vs 0.95', (m) =>
    eachMeasure(m, ['actual'], (v) => { const mm = /^(\d+(?:\.\d+)?)\((%|百分比)\)$/.exec(sq(v)); return mm ? { v: Number((Number(mm[1]) / 100).toPrecision(12)), z: zeros(decimalsOf(mm[1])) + '%' } : null; }), true],
};

/** Realistic combinations of the variants above that pass alone, with some of build.js's (applied in this order). */
const COMBOS = {
  'combo2-a': ['col-serial-numbered', 'formula-cached', 'num-formats-exotic', 'title-unit-line', 'pos-far-offset'],
  'combo2-b': ['funds-merged-values', 'rate-pct-formats', 'comparators-variety', 'sheet-cover-prose', 'pos-sheet-names-odd'],
  'combo2-c': ['col-unit-split', 'float-artefacts', 'goals-before-funds', 'labels-linebreak-mid-word', 'page-header-between-tables', 'r1:num-text-fullwidth', 'r1:pos-gap-0'],
  'combo2-d': ['col-hidden-stale', 'rate-div0-subrows', 'target-bare-number', 'funds-after-indicators', 'r1:hdr-synonyms-a', 'r1:col-blank-after-name-block', 'r1:pos-offset-per-table'],
};
for (const [name, parts] of Object.entries(COMBOS)) {
  const fn = (p) => (p.startsWith('r1:') ? B.VARIANTS[p.slice(3)][1] : VARIANTS[p][1]);
  VARIANTS[name] = [`together: ${parts.join(' + ')} (r1: = build.js)`, (m) => { for (const p of parts) fn(p)(m); }];
}

/** Workbooks made of many fixtures: [fixtures, layout] — 'one-sheet' stacks everything on one sheet, 'sheets-N' spreads the tables over N sheets. */
const MULTI = {
  'stack-500-one-sheet': { fixtures: Array(24).fill('mut-shared-official.xlsx'), layout: 'one-sheet', doc: '504 tables on one sheet (mut-shared × 24), 2 blank rows apart' },
  'stack-500-ten-sheets': { fixtures: [...Array(9).fill('mut-seeds-official.xlsx'), ...Array(12).fill('mut-shared-official.xlsx')], layout: 'sheets-10', doc: '504 tables over 10 sheets of about 50, gap 0/1/2 in turn' },
};

function multiModel(models, layout) {
  const m = mixModels(models, 'sheets');
  if (layout === 'one-sheet') {
    let row = 0;
    relayout(m, (t, blocks) => { const top = row; row += blocks[t].rows.length + 2; return { sheet: '自评表', top, left: 0 }; });
  } else {
    const n = Number(layout.split('-')[1]);
    const per = Math.ceil(m.meta.tables.length / n);
    const next = new Map();
    relayout(m, (t, blocks) => {
      const sheet = `第${Math.floor(t / per) + 1}页`;
      const top = next.get(sheet) ?? 0;
      next.set(sheet, top + blocks[t].rows.length + (t % 3));
      return { sheet, top, left: 0 };
    });
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Self-check (as build.js's): every cell the moved key names holds what its source cell held,
// compared as a number; text forms of this file (¥, apostrophes, (%), zero-width spaces, the
// score written after the grade) are read back first.
// ---------------------------------------------------------------------------------------------
function valueOf2(ws, a1) {
  const x = ws && ws[a1];
  if (!x) return null;
  if (x.t === 's' && typeof x.v === 'string') {
    const s = x.v.replace(/[\u200b\ufeff]/g, '').replace(/^'/, '').replace(/^[¥￥]/, '').replace(/\(%\)$/, '%').replace(/（[\d.]+分）$/, '');
    return valueOf({ [a1]: { ...x, v: s } }, a1);
  }
  if (x.t === 'n' && x.z && /"%"|\\%/.test(x.z) && !x.z.replace(/"[^"]*"|\\./g, '').includes('%')) return x.v / 100;
  return valueOf(ws, a1);
}

function verify(srcDir, srcNames, outFile, key) {
  const out = XLSX.readFile(outFile, { cellNF: true });
  const problems = [];
  const same = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && (Math.abs(a - b) < 1e-9 || Math.abs(a - 100 * b) < 1e-6 || Math.abs(100 * a - b) < 1e-6 || Math.abs(a - b) <= 0.005 + 1e-9));
  const srcs = new Map();
  key.tables.forEach((kt, t) => {
    const { dir, name, index } = srcNames[t];
    if (!srcs.has(name)) srcs.set(name, { wb: XLSX.readFile(path.join(dir, name), { cellNF: true }), key: JSON.parse(fs.readFileSync(path.join(dir, name.replace(/\.xlsx$/, '.key.json')), 'utf8')) });
    const src = srcs.get(name);
    const st = src.key.tables[index];
    const pairs = [['anchor', st.cells.anchor, kt.cells.anchor]];
    for (const f of ['funds.rate', 'funds.score', 'funds.full', 'funds.exec', 'totalWeight', 'totalScore', 'grade']) if (kt.cells[f]) pairs.push([f, st.cells[f], kt.cells[f]]);
    st.indicators.forEach((ind, n) => pairs.push([`ind ${n}`, ind.scoreCell, kt.indicators[n].scoreCell]));
    kt.truth.forEach((tr) => { const o = st.truth.find((x) => x.field === tr.field && x.category === tr.category && x.entered === tr.entered); pairs.push([`truth ${tr.field}`, o.cell, tr.cell]); });
    for (const [what, a, b] of pairs) {
      let va = valueOf2(src.wb.Sheets[st.sheet], a), vb = valueOf2(out.Sheets[kt.sheet], b);
      if (what === 'anchor' && typeof vb === 'string' && vb.startsWith('项目名称')) vb = '项目名称';
      if (what === 'anchor' && typeof vb === 'string' && sq(vb).replace(/[:：]$/, '') === '项目名称') vb = '项目名称';
      if (what === 'anchor' && typeof vb === 'string' && vb.startsWith('项目名称')) vb = '项目名称';
      if ((what === 'grade' || what === 'truth grade') && typeof vb === 'string') vb = vb.replace(/^评分等级:?/, '') || null;
      if ((what === 'grade' || what === 'truth grade') && typeof va === 'string' && typeof vb === 'string' && vb.startsWith(va)) continue;
      // rate-formula-exact replaces the rate by the exact quotient: it may differ from the entered one by rounding.
      if (what === 'funds.rate' && key.variant === 'rate-formula-exact' && typeof va === 'number' && typeof vb === 'number' && [va, va / 100].some((x) => Math.abs(x - vb) <= 0.0001 + 1e-9)) continue;
      if (!same(va, vb)) problems.push(`${kt.sheet} T${t} ${what}: ${st.sheet}!${a}=${JSON.stringify(va)} → ${kt.sheet}!${b}=${JSON.stringify(vb)}`);
    }
  });
  return problems;
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const [name, [doc, , debatable]] of Object.entries(VARIANTS)) console.log(`${debatable ? '?' : ' '} ${name.padEnd(30)} ${doc}`);
    for (const [name, mx] of Object.entries(MULTI)) console.log(`  ${name.padEnd(30)} ${mx.doc}`);
    return;
  }
  const wanted = args.length ? args : [...Object.keys(VARIANTS), ...Object.keys(MULTI)];
  for (const w of wanted) if (!VARIANTS[w] && !MULTI[w]) throw new Error(`unknown variant ${w}; --list shows them`);
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
      if (VARIANTS[name][2]) key.debatable = true;
      writeModel(model, path.join(OUT, base + '.xlsx'));
      fs.writeFileSync(path.join(OUT, base + '.key.json'), JSON.stringify(key, null, 1));
      const problems = verify(dir, key.tables.map((_, i) => ({ dir, name: f, index: i })), path.join(OUT, base + '.xlsx'), key);
      if (problems.length) { console.error(`${base}: key check failed\n  ${problems.slice(0, 5).join('\n  ')}`); process.exitCode = 1; }
      written++;
    }
  }
  for (const name of wanted.filter((w) => MULTI[w])) {
    const mx = MULTI[name];
    const fx = mx.fixtures.map((f) => fixtures.find((x) => x.f === f));
    const models = fx.map(({ dir, f }) => load(dir, f));
    const srcNames = models.flatMap((md, i) => md.meta.key.tables.map((_, index) => ({ dir: fx[i].dir, name: fx[i].f, index })));
    const model = multiModel(models, mx.layout);
    const key = movedKey(model, name);
    key.file = name + '__multi.xlsx';
    key.sources = mx.fixtures;
    writeModel(model, path.join(OUT, key.file));
    fs.writeFileSync(path.join(OUT, name + '__multi.key.json'), JSON.stringify(key, null, 1));
    const problems = verify(null, srcNames, path.join(OUT, key.file), key);
    if (problems.length) { console.error(`${name}: key check failed\n  ${problems.slice(0, 5).join('\n  ')}`); process.exitCode = 1; }
    written++;
  }
  console.log(`${written} workbooks written to ${path.relative(process.cwd(), OUT) || OUT}`);
}

if (require.main === module) main();
module.exports = { VARIANTS, MULTI, multiModel, load, movedKey, writeModel };
