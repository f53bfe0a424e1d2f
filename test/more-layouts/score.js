#!/usr/bin/env node
/*
 * Scores the checker on ./out/ like ../../../shared/tools/score-fixtures.js does, but grouped by
 * variant and with every miss listed (score-fixtures stops at 40): tables not found at their
 * anchor, indicator score cells not located, truth not reported as an error, extra errors, runs
 * that failed. Writes out/results.json and prints one line per variant. "unchecked±": indicators read as
 * unreadable plus 执行率 not compared, against the identity variant on the same fixtures ("-" without one).
 *
 *   npm run build:cli && node test/more-layouts/score.js [VARIANT...]
 *   npm run build:cli && node test/more-layouts/score.js --out out2 [VARIANT...]   # build2.js's variants
 *
 * Runs `node bin/selfeval.js check FILE --format json` (what `npm run check` runs), two at a time.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');

const ROOT = path.resolve(__dirname, '../..');
/** The folder scored: ./out by default; `--out DIR` (or MORE_LAYOUTS_OUT=DIR) scores another, e.g. out2 (build2.js). */
function outDir() {
  const i = process.argv.indexOf('--out');
  const dir = i >= 0 ? process.argv[i + 1] : process.env.MORE_LAYOUTS_OUT;
  if (!dir) return path.join(__dirname, 'out');
  if (path.isAbsolute(dir)) return dir;
  return fs.existsSync(path.join(__dirname, dir)) ? path.join(__dirname, dir) : path.resolve(dir);
}
const OUT = outDir();
const norm = (a) => (a || '').replace(/\$/g, '').toUpperCase();

function check(file) {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin/selfeval.js'), 'check', file, '--format', 'json'], { cwd: ROOT, maxBuffer: 1 << 28, timeout: 120000 }, (err, stdout, stderr) => {
      try { resolve({ rep: JSON.parse(stdout) }); } catch { resolve({ fail: (stderr || (err && err.message) || 'no JSON').split('\n')[0] }); }
    });
  });
}

function score(f, key, run) {
  const r = { file: f, variant: key.variant, tables: 0, tablesFound: 0, ind: 0, indFound: 0, budget: 0, budgetFound: 0, truth: 0, hit: 0, fp: 0, lostTables: [], lostInd: [], lostBudget: [], missed: [], extra: [], fail: run.fail || null };
  const file = run.rep && run.rep.files && run.rep.files[0];
  const tables = (file && file.tables) || [];
  const findings = (file && file.findings) || [];
  const errors = findings.filter((x) => x.severity === 'error');
  const errAt = new Set(errors.map((x) => `${x.sheet}!${norm(x.cell)}`));
  const truthAt = new Set();
  for (const kt of key.tables) {
    r.tables++;
    const pt = tables.find((t) => t.sheet === kt.sheet && norm(t.anchor) === norm(kt.cells.anchor));
    r.ind += kt.indicators.length;
    r.budget += 2;
    if (pt) {
      r.tablesFound++;
      const pinds = pt.indicators || [];
      for (const ki of kt.indicators) {
        if (pinds.some((p) => p.score && norm(p.score.cell) === norm(ki.scoreCell))) r.indFound++;
        else r.lostInd.push(`${kt.sheet}!${ki.scoreCell}`);
      }
      const b = pt.budget || {};
      for (const [k, f] of [['rate', 'funds.rate'], ['score', 'funds.score']]) {
        if (b[k] && norm(b[k].cell) === norm(kt.cells[f])) r.budgetFound++;
        else r.lostBudget.push(`${kt.sheet}!${kt.cells[f]} (${k}: got ${b[k] ? b[k].cell : 'none'})`);
      }
    } else {
      r.lostTables.push(`${kt.sheet}!${kt.cells.anchor} ${kt.project}`);
      for (const ki of kt.indicators) r.lostInd.push(`${kt.sheet}!${ki.scoreCell}`);
    }
    for (const tr of kt.truth) {
      const k = `${tr.sheet}!${norm(tr.cell)}`;
      truthAt.add(k);
      r.truth++;
      if (errAt.has(k)) r.hit++;
      else {
        const near = findings.filter((x) => `${x.sheet}!${norm(x.cell)}` === k).map((x) => `${x.code}/${x.severity}`);
        r.missed.push(`${k} ${tr.category} entered=${tr.entered} expected=${tr.expected}${near.length ? ' [got ' + near.join(',') + ']' : ''}`);
      }
    }
  }
  // Values the checker left unchecked (indicators it could not read, 执行率 it could not compare):
  // compared with the identity variant, this shows readings lost silently, without a missed truth.
  r.unchecked = tables.reduce((n, t) => n + (t.indicators || []).filter((i) => i.kind === 'unreadable').length + (t.budget && t.budget.rate && t.budget.rate.entered !== null && t.budget.rate.computed !== null ? 0 : 1), 0);
  for (const k of errAt) {
    if (truthAt.has(k)) continue;
    r.fp++;
    const x = errors.find((y) => `${y.sheet}!${norm(y.cell)}` === k);
    r.extra.push(`${k} ${x.code} ${x.message || ''}`.slice(0, 220));
  }
  return r;
}

async function main() {
  const argv = process.argv.slice(2);
  const o = argv.indexOf('--out');
  if (o >= 0) argv.splice(o, 2);
  const only = argv;
  const files = fs.readdirSync(OUT).filter((f) => f.endsWith('.xlsx')).sort()
    .filter((f) => !only.length || only.includes(f.split('__')[0]));
  const results = new Array(files.length);
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const i = next++;
      const f = files[i];
      const key = JSON.parse(fs.readFileSync(path.join(OUT, f.replace(/\.xlsx$/, '.key.json')), 'utf8'));
      results[i] = score(f, key, await check(path.join(OUT, f)));
    }
  }
  await Promise.all([worker(), worker()]);
  fs.writeFileSync(path.join(OUT, only.length ? 'results-partial.json' : 'results.json'), JSON.stringify(results, null, 1));
  const byVariant = new Map();
  const fixtureOf = (r) => r.file.split('__')[1];
  const identity = new Map(results.filter((r) => r.variant === 'identity').map((r) => [fixtureOf(r), r.unchecked]));
  for (const r of results) {
    const v = byVariant.get(r.variant) || { files: 0, tables: 0, tablesFound: 0, ind: 0, indFound: 0, budget: 0, budgetFound: 0, truth: 0, hit: 0, fp: 0, fails: 0, bad: [], lost: 0, lostKnown: true };
    v.files++;
    if (identity.has(fixtureOf(r))) v.lost += r.unchecked - identity.get(fixtureOf(r)); else v.lostKnown = false;
    for (const k of ['tables', 'tablesFound', 'ind', 'indFound', 'budget', 'budgetFound', 'truth', 'hit', 'fp']) v[k] += r[k];
    if (r.fail) v.fails++;
    const ok = !r.fail && r.tablesFound === r.tables && r.indFound >= 0.99 * r.ind && r.hit >= 0.95 * r.truth && (r.hit + r.fp === 0 || r.hit / (r.hit + r.fp) >= 0.9);
    if (!ok) v.bad.push(r.file.split('__')[1].replace(/\.xlsx$/, ''));
    byVariant.set(r.variant, v);
  }
  const pct = (a, b) => (b ? (a / b).toFixed(3) : '  -  ');
  console.log('variant'.padEnd(30), 'tables   indicators  budget   recall        precision  unchecked±  fails  files-below-bar');
  for (const [name, v] of byVariant) {
    const pass = !v.fails && v.tablesFound === v.tables && v.indFound >= 0.99 * v.ind && v.hit >= 0.95 * v.truth && (v.hit + v.fp === 0 || v.hit / (v.hit + v.fp) >= 0.9);
    console.log(`${pass ? ' ' : '✗'} ${name.padEnd(28)} ${pct(v.tablesFound, v.tables)}  ${pct(v.indFound, v.ind)}       ${pct(v.budgetFound, v.budget)}  ${v.hit}/${v.truth}=${pct(v.hit, v.truth)}  ${pct(v.hit, v.hit + v.fp)} (+${v.fp})  ${(v.lostKnown ? (v.lost > 0 ? '+' : '') + v.lost : '-').padStart(6)}  ${v.fails}  ${v.bad.length}/${v.files} ${v.bad.join(' ')}`);
  }
}

main();
