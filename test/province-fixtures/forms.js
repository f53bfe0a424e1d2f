/*
 * Lays out answer-keyed tables in the forms of other provinces (scoring-rules.md §1) and checks
 * each key independently of the project's engine. Used by build.js and keys.test.ts. Plain node,
 * CommonJS.
 *
 * A form is data: which blocks, which header words, which column holds which role.
 *   funds:  { label(t), head (the row-label column's header), cols: [{ role, head }], merged }
 *           roles: init, full, exec, weight, rate, score, reason
 *   ind:    { label(t), cols: [{ role, head, group? }] }  a column with `group` sits under a
 *           group header spanning its neighbours (two header rows)
 *           roles: l1, l2, l3, op, tv, unit, target, actual, weight, score, note
 *   goals:  true for the 年度总体目标 block; texts: labels of text blocks after the indicators
 *   merged: official look (merged labels, 一级/二级 written once) or flat (repeated, no merges)
 *
 * A table is data too (see build.js): project, dept, impl, funds rows, indicator rows
 * { l1, l2, l3, t, a, w, s, note, read, worded }, total, grade, truth.
 */
'use strict';
const path = require('path');
const { XLSX, Decimal, display, A1, Sheet, saveSheets, resolve } = require('../support/xlsx-kit');

const D = (x) => new Decimal(x);

/** Writes one table from row r0, column c0; returns { key, next }. */
function layTable(sh, t, form, r0, c0 = 0) {
  const cells = {};
  const put = (r, c, v) => sh.put(r, c0 + c, v, 'official');
  const merge = (r1, c1, r2, c2) => { if (form.merged) sh.merge(r1, c0 + c1, r2, c0 + c2); };
  const nf = form.funds.cols.length + 2;
  const ni = form.ind.cols.length + 1;
  const width = Math.max(nf, ni);
  let r = r0;
  for (const line of t.title || []) { put(r, 0, line); merge(r, 0, r, width); r++; }
  if (!t.noProject) {
    put(r, 0, '项目名称'); put(r, 2, t.project); merge(r, 0, r, 1); merge(r, 2, r, width);
    cells.anchor = A1(r, c0); cells.project = A1(r, c0 + 2); r++;
    if (t.dept) {
      const mid = Math.floor(width / 2) + 1;
      put(r, 0, '主管部门'); put(r, 2, t.dept); put(r, mid, '实施单位'); put(r, mid + 1, t.impl);
      merge(r, 0, r, 1); merge(r, 2, r, mid - 1); merge(r, mid + 1, r, width); r++;
    }
  }
  // funds
  const fr = r;
  put(r, 0, form.funds.label(t)); if (!cells.anchor) cells.anchor = A1(r, c0);
  if (form.funds.head) put(r, 2, form.funds.head);
  form.funds.cols.forEach((col, j) => put(r, 3 + j, col.head));
  r++;
  t.fundRows.forEach((row, i) => {
    put(r, 2, row.label);
    form.funds.cols.forEach((col, j) => put(r, 3 + j, row[col.role]));
    if (i === t.mainRow) form.funds.cols.forEach((col, j) => (cells['funds.' + col.role] = A1(r, c0 + 3 + j)));
    r++;
  });
  merge(fr, 0, r - 1, 1);
  if (form.goals) {
    const half = Math.floor(width / 2) + 1;
    put(r, 0, form.merged ? '年度\n总体\n目标' : '年度总体目标'); put(r, 2, '预期目标'); put(r, half, '实际完成情况');
    merge(r, 2, r, half - 1); merge(r, half, r, width);
    put(r + 1, 2, t.goal[0]); put(r + 1, half, t.goal[1]);
    merge(r + 1, 2, r + 1, half - 1); merge(r + 1, half, r + 1, width); merge(r, 0, r + 1, 1);
    r += 2;
  }
  // indicators
  const ir = r;
  const col = {};
  form.ind.cols.forEach((c, j) => (col[c.role] = 1 + j));
  put(r, 0, form.ind.label(t));
  const grouped = form.ind.cols.some((c) => c.group);
  form.ind.cols.forEach((c, j) => {
    if (c.group) {
      const first = form.ind.cols.findIndex((x) => x.group === c.group);
      if (first === j) { put(r, 1 + j, c.group); let e = j; while (form.ind.cols[e + 1] && form.ind.cols[e + 1].group === c.group) e++; sh.merge(r, c0 + 1 + j, r, c0 + 1 + e); }
      put(r + 1, 1 + j, c.head);
    } else {
      put(r, 1 + j, c.head);
      if (grouped) sh.merge(r, c0 + 1 + j, r + 1, c0 + 1 + j);
    }
  });
  if (!cells.anchor) cells.anchor = A1(r, c0);
  r += grouped ? 2 : 1;
  const inds = [];
  const worded = [];
  t.inds.forEach((x, i) => {
    const prev = t.inds[i - 1];
    const first1 = !prev || prev.l1 !== x.l1;
    const first2 = first1 || prev.l2 !== x.l2;
    if (!form.merged || first1) put(r, col.l1, x.l1);
    if (col.l2 && (!form.merged || first2)) put(r, col.l2, x.l2);
    if (form.merged && first1) { let e = i; while (t.inds[e + 1] && t.inds[e + 1].l1 === x.l1) e++; merge(r, col.l1, r + e - i, col.l1); }
    if (form.merged && col.l2 && first2) { let e = i; while (t.inds[e + 1] && t.inds[e + 1].l1 === x.l1 && t.inds[e + 1].l2 === x.l2) e++; merge(r, col.l2, r + e - i, col.l2); }
    if (x.l3 != null) {
      put(r, col.l3, x.l3);
      if (col.target) put(r, col.target, targetText(x.t));
      if (col.op) { put(r, col.op, x.t.op); put(r, col.tv, x.t.v); put(r, col.unit, x.t.u); }
      put(r, col.actual, x.a); put(r, col.weight, x.w); put(r, col.score, x.s);
      if (col.note) put(r, col.note, x.note);
      const k = inds.length;
      cells[`indicators.${k}.weight`] = A1(r, c0 + col.weight); cells[`indicators.${k}.score`] = A1(r, c0 + col.score); cells[`indicators.${k}.l3`] = A1(r, c0 + col.l3);
      inds.push({ l3: x.l3, weight: display(x.w), score: display(x.s), scoreCell: A1(r, c0 + col.score) });
      if (x.worded !== undefined) worded.push({ cell: A1(r, c0 + col.score), verdict: x.worded, row: x });
    }
    r++;
  });
  merge(ir, 0, r - 1, 0);
  // totals
  const lc = col.l1;
  put(r, lc, '总分'); put(r, col.weight, t.total.w); put(r, col.score, t.total.s); merge(r, lc, r, Math.min(col.weight, col.score) - 1);
  cells.totalWeight = A1(r, c0 + col.weight); cells.totalScore = A1(r, c0 + col.score);
  r++;
  if (t.grade !== undefined) {
    put(r, lc, '评分等级'); put(r, col.weight, t.grade); merge(r, lc, r, Math.min(col.weight, col.score) - 1);
    cells.grade = A1(r, c0 + col.weight);
    r++;
  }
  for (const label of form.texts || []) {
    put(r, 0, label); put(r, 2, t.texts[label]); merge(r, 0, r, 1); merge(r, 2, r, width); r++;
  }
  const main = t.fundRows[t.mainRow];
  const key = {
    sheet: sh.name, project: t.project, seed: t.seed, form: form.id, anchor: cells.anchor,
    indicatorCount: inds.length,
    budget: { full: display(main.full), exec: display(main.exec), rate: display(main.rate), score: display(main.score) },
    indicators: inds,
    totalScore: display(t.total.s),
    grade: t.grade || '',
    cells,
    truth: t.truth.map((x) => ({ field: x.field, category: x.category, entered: enteredOf(t, x.field), expected: x.expected, sheet: sh.name, cell: cells[x.field] })),
    worded: worded.map((w) => ({ cell: w.cell, verdict: w.verdict })),
  };
  for (const x of key.truth) if (!x.cell) throw new Error(`${t.project}: no cell for ${x.field}`);
  return { key, next: r + 2 };
}

const real = (t) => t.inds.filter((x) => x.l3 != null);

function enteredOf(t, field) {
  const main = t.fundRows[t.mainRow];
  let m;
  if ((m = /^funds\.(\w+)$/.exec(field))) return display(main[m[1]]);
  if (field === 'totalScore') return display(t.total.s);
  if (field === 'totalWeight') return display(t.total.w);
  if (field === 'grade') return t.grade || '';
  if ((m = /^indicators\.(\d+)\.(score|weight)$/.exec(field))) return display(real(t)[+m[1]][m[2] === 'score' ? 's' : 'w']);
  throw new Error('unknown field ' + field);
}

/** A split target as one text (for forms that print it in one column). */
function targetText(t) {
  if (t == null || typeof t === 'string') return t;
  throw new Error('structured target in a one-column form');
}

// ---------------------------------------------------------------------------------------------
// Independent check of a table's truth and worded verdicts, from the data alone (not the engine).
// Readings: a split target { op, v, u } with a bare-number actual is read directly; a one-column
// target in the canonical form (`>=48次`, `≥90.00(%)`, `=100`) likewise; every other row carries
// its reading by hand: read: { op, t, a } (numbers), { lo, hi, a } (a range), 'band' (achieved:
// 80–100% of 分值), 'met' (an actual that is the target's own bound, `>90%` for `>90%`: full
// marks) or null (not checked: no truth, no worded entry allowed).
// ---------------------------------------------------------------------------------------------
const OPS = { '>=': '>=', '≥': '>=', '<=': '<=', '≤': '<=', '=': '=', '＝': '=', '﹦': '=', '>': '>', '<': '<', '正向': '>=', '反向': '<=' };
const UNIT = (u) => (u === '百分比' ? '%' : u || '');

function num(v) {
  v = resolve(v, 'official');
  if (v == null) return null;
  if (typeof v === 'string') {
    const m = /^([\d.,]+)(%?)$/.exec(v.trim());
    return m ? D(m[1].replace(/,/g, '')) : null;
  }
  return v.z && v.z.includes('%') ? D(v.v).times(100) : D(v.v);
}

function parseTarget(s) {
  const m = /^(>=|≥|<=|≤|=|＝|>|<)?\s*(\d+(?:\.\d+)?)\s*(?:\((.+)\)|([^\d()]*))$/.exec(s);
  return m ? { op: OPS[m[1] || '='], t: D(m[2]), u: UNIT(m[3] || m[4]) } : null;
}
function parseActual(v) {
  if (v && typeof v === 'object') return { a: num(v), u: null };
  const m = /^(\d+(?:\.\d+)?)\s*(?:\((.+)\)|([^\d()]*))$/.exec(v || '');
  return m ? { a: D(m[1]), u: UNIT(m[2] || m[3]) } : null;
}

/** The reading of one row, or null when it is not checked; throws when a row needs a hand reading. */
function reading(x) {
  if (x.read !== undefined) {
    if (!x.read || typeof x.read !== 'object') return x.read;
    return Object.fromEntries(Object.entries(x.read).map(([k, v]) => [k, k === 'op' ? v : D(v)]));
  }
  if (x.t && typeof x.t === 'object') {
    const op = OPS[x.t.op];
    const a = parseActual(x.a);
    if (op && a && (a.u === null || a.u === '' || a.u === UNIT(x.t.u))) return { op, t: D(x.t.v.v ?? x.t.v), a: a.a };
    if (x.t.op === '定性' && ['达成指标', '达到预期'].includes(x.a)) return 'band';
  } else if (typeof x.t === 'string') {
    const t = parseTarget(x.t), a = parseActual(x.a);
    if (t && a && a.u === t.u) return { op: t.op, t: t.t, a: a.a };
    if (!t && ['达成指标', '达到预期'].includes(x.a)) return 'band';
  }
  throw new Error(`row needs a hand reading: ${x.l3} ${JSON.stringify(x.t)} / ${JSON.stringify(x.a)}`);
}

const fmt = (d) => d.toDecimalPlaces(4).toString();

/** Material mismatches of one table: field → expected. */
function material(t) {
  const out = {};
  const main = t.fundRows[t.mainRow];
  const full = num(main.full), exec = num(main.exec), w = num(main.weight);
  const rate = exec.div(full).times(100);
  const er = num(main.rate);
  if (er === null || er.minus(rate).abs().gt(0.02)) out['funds.rate'] = fmt(rate);
  if (w !== null) {
    const sc = w.times(Decimal.min(rate, 100)).div(100);
    const es = num(main.score);
    if (es === null || es.minus(sc).abs().gt(0.02)) out['funds.score'] = fmt(sc);
  }
  const rows = real(t);
  rows.forEach((x, k) => {
    const rd = reading(x);
    if (rd === null) return;
    const wt = num(x.w), s = num(x.s);
    let exp;
    if (rd === 'met') {
      if (!s.eq(wt)) exp = fmt(wt);
    } else if (rd === 'band') {
      if (s.lt(wt.times(0.8)) || s.gt(wt)) exp = `${fmt(wt.times(0.8))}-${fmt(wt)}`;
    } else if ('lo' in rd) {
      if (rd.a.lt(rd.lo) || rd.a.gt(rd.hi)) throw new Error(`${x.l3}: range not met, no rule`);
      if (!s.eq(wt)) exp = fmt(wt);
    } else {
      const lower = rd.op === '<=' || rd.op === '<' || (rd.op === '=' && rd.t.isZero());
      const met = lower ? (rd.op === '<' ? rd.a.lt(rd.t) : rd.a.lte(rd.t)) : (rd.op === '>' ? rd.a.gt(rd.t) : rd.a.gte(rd.t));
      if (met) {
        const over = lower ? rd.t.gt(0) && rd.a.lte(rd.t.div(1.2)) : rd.a.gte(rd.t.times(1.2));
        if (s.gt(wt) || (!s.eq(wt) && !over)) exp = fmt(wt);
      } else if (lower) {
        const national = rd.t.isZero() ? D(0) : wt.times(rd.t).div(rd.a);
        const linear = Decimal.max(0, wt.times(D(1).minus(rd.a.minus(rd.t).div(rd.t))));
        if (s.minus(national).abs().gt(0.011) && s.minus(linear).abs().gt(0.011)) exp = fmt(national);
      } else {
        const due = wt.times(rd.a).div(rd.t);
        if (s.minus(due).abs().gt(0.011)) exp = fmt(due);
      }
    }
    if (exp !== undefined) out[`indicators.${k}.score`] = exp;
  });
  const wsum = rows.reduce((a, x) => a.plus(num(x.w)), w || D(0));
  const tw = num(t.total.w);
  if (!wsum.eq(100) || (tw !== null && !tw.eq(wsum))) out.totalWeight = fmt(wsum);
  const parts = rows.reduce((a, x) => a.plus(num(x.s) || 0), num(main.score) || D(0));
  const ts = num(t.total.s);
  if (ts.minus(parts).abs().gt(0.01)) out.totalScore = fmt(parts);
  // Above 100 with weights that add up to 100 (weights above 100 are the error, and this their consequence: a warning).
  else if (ts.gt(100) && wsum.eq(100)) out.totalScore = '<=100';
  if (t.grade) {
    const g = ts.gte(90) ? '优' : ts.gte(80) ? '良' : ts.gte(60) ? '中' : '差';
    if (g !== t.grade) out.grade = g;
  }
  return out;
}

/** Throws unless the table's truth is exactly its material mismatches and every worded row fits. */
function checkTable(t) {
  const mat = material(t);
  const truth = Object.fromEntries(t.truth.map((x) => [x.field, x.expected]));
  const a = Object.keys(mat).sort(), b = Object.keys(truth).sort();
  if (a.join() !== b.join()) throw new Error(`${t.project}: truth ${b.join(' ')} but the data give ${JSON.stringify(mat)}`);
  for (const f of a) if (mat[f] !== truth[f]) throw new Error(`${t.project}: ${f} expected ${truth[f]}, the data give ${mat[f]}`);
  real(t).forEach((x, k) => {
    if (x.worded === undefined) return;
    if (reading(x) === null) throw new Error(`${t.project}: worded row ${x.l3} has no reading`);
    const want = mat[`indicators.${k}.score`];
    if ((want === undefined ? 'ok' : want) !== x.worded) throw new Error(`${t.project}: worded ${x.l3} says ${x.worded}, the data give ${want || 'ok'}`);
  });
}

/** Reads a written workbook back and compares every keyed value with the text its cell shows. */
function checkWorkbook(file, key) {
  const wb = XLSX.readFile(file);
  const shown = (sheet, a) => { const c = wb.Sheets[sheet][a]; return c ? (c.w !== undefined ? c.w : String(c.v)) : ''; };
  for (const kt of key.tables) {
    if (!wb.Sheets[kt.sheet]) throw new Error(`${file}: no sheet ${kt.sheet}`);
    kt.indicators.forEach((ki, j) => {
      if (shown(kt.sheet, ki.scoreCell) !== ki.score) throw new Error(`${file} ${kt.sheet}!${ki.scoreCell}: shows ${shown(kt.sheet, ki.scoreCell)}, key ${ki.score}`);
      if (shown(kt.sheet, kt.cells[`indicators.${j}.weight`]) !== ki.weight) throw new Error(`${file} ${kt.cells[`indicators.${j}.weight`]}: weight`);
    });
    for (const x of kt.truth) if (shown(x.sheet, x.cell) !== x.entered) throw new Error(`${file} ${x.sheet}!${x.cell}: shows ${shown(x.sheet, x.cell)}, truth entered ${x.entered}`);
    for (const w of kt.worded || []) if (!kt.indicators.some((i) => i.scoreCell === w.cell)) throw new Error(`${file}: worded ${w.cell} is no score cell`);
  }
}

/** Lays out [{ sheet, tables: [{ t, form, col? }] }] (tables on one sheet stacked, or side by side
 *  when `col` is given), checks, writes file + key; returns the key. */
function writeBook(dir, file, sheets) {
  const keys = [];
  const out = [];
  for (const s of sheets) {
    const sh = new Sheet(s.sheet);
    let r = s.row0 || 0;
    for (const { t, form, col } of s.tables) {
      checkTable(t);
      const { key, next } = layTable(sh, t, form, r, col || 0);
      keys.push(key);
      r = next;
    }
    out.push(sh);
  }
  const full = path.join(dir, file);
  saveSheets(full, out);
  const key = { file, tables: keys };
  require('fs').writeFileSync(full.replace(/\.xlsx$/, '.key.json'), JSON.stringify(key, null, 1) + '\n');
  checkWorkbook(full, key);
  return key;
}

module.exports = { layTable, writeBook, checkTable, checkWorkbook, material, reading, num };
