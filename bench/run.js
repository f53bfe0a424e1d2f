'use strict';
// npm run bench: engine throughput, checker wall time against the fastest reader alone.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { checkWorkbook, PROFILES, rowsWithoutVerdict } = require('../build/engine/index.js');
const { readWorkbook } = require('../build/xlsx/read.js');
const { writeWorkbook } = require('../scripts/write-workbook.js');
const { generatedSheets } = require('./workbook.js');

function engineThroughput() {
  const sheets = generatedSheets(1200, 10);
  let report = checkWorkbook(sheets); // warm-up
  const runs = 10;
  let best = Infinity;
  let bestCpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    report = checkWorkbook(sheets);
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, performance.now() - t0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  const rows = report.tables.reduce((s, t) => s + t.indicators.length, 0);
  console.log(`engine: ${report.tables.length} tables, ${rows} indicator rows, ${report.findings.length} findings; best of ${runs}: ${best.toFixed(1)} ms wall, ${bestCpu.toFixed(1)} ms CPU (automatic choice among ${PROFILES.length} profiles)`);
  // Wall time suffers from whatever else the machine runs; CPU time of this process much less.
  console.log(`${Math.round(rows / (best / 1000))} indicator rows/s (wall), ${Math.round(rows / (bestCpu / 1000))} indicator rows/s (CPU) — target ≥ 100,000`);
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

/** On the seeds' tables (test/support/seed-tables.json), the share of indicator rows given a verdict. */
function seedVerdicts() {
  const root = path.join(__dirname, '..');
  const { files } = JSON.parse(fs.readFileSync(path.join(root, 'test/support/seed-tables.json'), 'utf8'));
  let rows = 0;
  const without = [];
  for (const f of files) {
    const report = checkWorkbook(readWorkbook(fs.readFileSync(path.join(root, f))));
    rows += report.tables.reduce((n, t) => n + t.indicators.length, 0);
    without.push(...rowsWithoutVerdict(report));
  }
  console.log(`seeds: ${rows - without.length}/${rows} indicator rows get a verdict (${(100 * (1 - without.length / rows)).toFixed(1)}%, target ≥ 97%); not checked:`);
  for (const { indicator: i } of without) console.log(`  ${i.name} | ${i.target ?? '(空)'} | ${i.actual ?? '(空)'}`);
}

seedVerdicts();
engineThroughput();
checkerAgainstReader();
