'use strict';
// npm run bench: engine throughput, checker wall time against the fastest reader alone, corpus check times.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { checkWorkbook, PROFILES } = require('../build/engine/index.js');
const { writeWorkbook } = require('../scripts/write-workbook.js');
const { generatedSheets } = require('./workbook.js');

function engineThroughput() {
  const sheets = generatedSheets(1200, 10);
  let report = checkWorkbook(sheets); // warm-up
  const runs = 10;
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    report = checkWorkbook(sheets);
    best = Math.min(best, performance.now() - t0);
  }
  const rows = report.tables.reduce((s, t) => s + t.indicators.length, 0);
  console.log(`engine: ${report.tables.length} tables, ${rows} indicator rows, ${report.findings.length} findings; best of ${runs}: ${best.toFixed(1)} ms (automatic choice among ${PROFILES.length} profiles)`);
  console.log(`${Math.round(rows / (best / 1000))} indicator rows/s`);
}

/** Best wall time of `runs` runs of a node command (milliseconds); `ok`: the exit codes of a successful run. */
function wall(args, ok = [0], runs = 5) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    const ms = performance.now() - t0;
    if (!ok.includes(r.status)) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    best = Math.min(best, ms);
  }
  return best;
}

function checkerAgainstReader() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-bench-'));
  const file = path.join(dir, 'generated-1000.xlsx');
  writeWorkbook(generatedSheets(1000, 10), file);
  const root = path.join(__dirname, '..');
  // The fastest npm reader (SheetJS) just reading the file, two ways: as the package is used
  // (its main entry, readFile with the defaults) — the target's baseline — and as selfeval itself
  // reads (mini build, dense sheets, number formats), which says what checking adds to reading.
  const full = wall(['-e', `require(${JSON.stringify(require.resolve('@e965/xlsx'))}).readFile(${JSON.stringify(file)})`]);
  const mini = wall(['-e', `require(${JSON.stringify(require.resolve('@e965/xlsx/dist/xlsx.mini.min.js'))}).read(require('fs').readFileSync(${JSON.stringify(file)}), { dense: true, cellNF: true })`]);
  const checker = wall([path.join(root, 'bin', 'selfeval.js'), 'check', file, '--format', 'json'], [0, 1]); // 1: errors found
  console.log(`checker: 1000 tables on 10 sheets (${(fs.statSync(file).size / 1024).toFixed(0)} KB); wall time, best of 5, node start-up included:`);
  console.log(`  SheetJS readFile alone:          ${full.toFixed(0)} ms (main entry, defaults)`);
  console.log(`  SheetJS mini read alone:         ${mini.toFixed(0)} ms (mini build, dense, number formats: how selfeval reads)`);
  console.log(`  selfeval check --format json:    ${checker.toFixed(0)} ms`);
  console.log(`  ratio to SheetJS readFile: ${(checker / full).toFixed(2)} (target ≤ 1.3)`);
  console.log(`  ratio to the same read as selfeval's: ${(checker / mini).toFixed(2)} (what locating, scoring and JSON add)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** `selfeval check` of every corpus workbook (read + check, in-process, best of 3): the slowest must stay under 2 s. */
function corpusCheckTimes() {
  const { readWorkbookContent } = require('../build/xlsx/read.js');
  const dir = path.join(__dirname, '..', '..', 'shared', 'corpus');
  const files = fs.readdirSync(dir).filter((f) => /\.(xlsx|xlsm|xls|et)$/i.test(f)).sort();
  const times = [];
  const counts = { read: 0, unreadable: 0, sheets: 0, skippedSheets: 0, tables: 0, findings: 0 };
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(dir, f));
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      try {
        const content = readWorkbookContent(bytes);
        const report = checkWorkbook(content.sheets);
        if (i === 0) {
          counts.read++;
          counts.sheets += content.sheets.length;
          counts.skippedSheets += content.notices.length;
          counts.tables += report.tables.length;
          counts.findings += report.findings.length;
        }
      } catch (e) {
        if (i === 0) counts.unreadable++;
      }
      best = Math.min(best, performance.now() - t0);
    }
    times.push([best, f]);
  }
  times.sort((a, b) => b[0] - a[0]);
  const total = times.reduce((s, [t]) => s + t, 0);
  console.log(`corpus: ${files.length} workbooks; read ${counts.read}, unreadable (one line each) ${counts.unreadable}; ${counts.sheets} sheets checked, ${counts.skippedSheets} chart/dialog/macro sheets skipped; ${counts.tables} tables, ${counts.findings} findings`);
  console.log(`  check time per file (read + check, best of 3): total ${total.toFixed(0)} ms, median ${times[Math.floor(times.length / 2)][0].toFixed(1)} ms`);
  console.log(`  slowest: ${times.slice(0, 3).map(([t, f]) => `${f} ${t.toFixed(0)} ms`).join(', ')} (target < 2000 ms)`);
}

engineThroughput();
checkerAgainstReader();
corpusCheckTimes();
