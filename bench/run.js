'use strict';
// npm run bench: engine throughput, checker wall time against the fastest reader alone, corpus check times.
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

/** Wall time of one run of a node command (milliseconds); `ok`: the exit codes of a successful run. */
function once({ args, ok = [0], env = process.env }) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28, env: typeof env === 'function' ? env() : env });
  const ms = performance.now() - t0;
  if (!ok.includes(r.status)) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

/**
 * The best wall time of each command over `rounds` rounds, every round running each command
 * once in turn: what the machine does meanwhile (its speed drifts by 10–20% over minutes
 * here) falls on all of them alike, so their ratios hold where their times do not.
 */
function bestOf(rounds, commands) {
  const best = commands.map(() => Infinity);
  for (let i = 0; i < rounds; i++) commands.forEach((c, k) => (best[k] = Math.min(best[k], once(c))));
  return best;
}

function checkerAgainstReader() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-bench-'));
  const file = path.join(dir, 'generated-1000.xlsx');
  writeWorkbook(generatedSheets(1000, 10), file);
  const root = path.join(__dirname, '..');
  // The fastest npm reader (SheetJS) just reading the file as the package is used (its main
  // entry, readFile with the defaults) — the target's baseline — and selfeval's own reader alone,
  // which says what locating, scoring and writing the JSON add to reading.
  const [full, own, checker] = bestOf(5, [
    { args: ['-e', `require(${JSON.stringify(require.resolve('@e965/xlsx'))}).readFile(${JSON.stringify(file)})`] },
    { args: ['-e', `require(${JSON.stringify(path.join(root, 'build/xlsx/read.js'))}).readWorkbookContent(require('fs').readFileSync(${JSON.stringify(file)}))`] },
    { args: [path.join(root, 'bin', 'selfeval.js'), 'check', file, '--format', 'json'], ok: [0, 1] }, // 1: errors found
  ]);
  console.log(`checker: 1000 tables on 10 sheets (${(fs.statSync(file).size / 1024).toFixed(0)} KB); wall time, best of 5 interleaved rounds, node start-up included:`);
  console.log(`  SheetJS readFile alone:          ${full.toFixed(0)} ms (main entry, defaults)`);
  console.log(`  selfeval's reader alone:         ${own.toFixed(0)} ms`);
  console.log(`  selfeval check --format json:    ${checker.toFixed(0)} ms`);
  console.log(`  ratio to SheetJS readFile: ${(checker / full).toFixed(2)} (target ≤ 1.3)`);
  console.log(`  ratio to selfeval's reader alone: ${(checker / own).toFixed(2)} (what locating, scoring and JSON add)`);
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

/**
 * A reviewer's folder: 200 generated workbooks of 1 to 6 tables. selfeval checking the folder
 * (the default threads, one thread, two) against SheetJS reading the same files one after
 * another in one process (main entry, readFile with the defaults), best of 5 rounds; and the two
 * .xlsx readings alone.
 */
function folderAgainstReader() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-bench-folder-'));
  const files = [];
  for (let i = 0; i < 200; i++) {
    const file = path.join(dir, `单位${String(i % 20).padStart(2, '0')}`, `自评表-${String(i).padStart(3, '0')}.xlsx`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeWorkbook(generatedSheets(1 + (i % 6), 1, 8 + (i % 5)), file);
    files.push(file);
  }
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const bin = path.join(__dirname, '..', 'bin', 'selfeval.js');
  const read = path.join(__dirname, '..', 'build', 'xlsx', 'read.js');
  const check = (...flags) => ({ args: [bin, 'check', dir, '--format', 'json', ...flags], ok: [0, 1] });
  // Both .xlsx readings selfeval has had, in one process each: SheetJS (dense, number formats) and its own.
  const readAll = (call) => ({ args: ['-e', `const r = require(${JSON.stringify(read)}); for (const f of ${JSON.stringify(files)}) ${call};`] });
  const [reader, checker, serial, two, sheetJsReading, ownReading] = bestOf(5, [
    { args: ['-e', `const X = require(${JSON.stringify(require.resolve('@e965/xlsx'))}); for (const f of ${JSON.stringify(files)}) X.readFile(f);`] },
    check(),
    check('--jobs', '1'),
    check('--jobs', '2'),
    readAll("r.readWithSheetJs(require('fs').readFileSync(f), 'ooxml', 'zh')"),
    readAll("r.readWorkbookContent(require('fs').readFileSync(f))"),
  ]);
  const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  console.log(`folder: ${files.length} workbooks, ${(bytes / 1024).toFixed(0)} KB; wall time, best of 5 interleaved rounds, node start-up included:`);
  console.log(`  SheetJS readFile, one file after another:  ${reader.toFixed(0)} ms`);
  console.log(`  reading only, SheetJS (dense, number formats): ${sheetJsReading.toFixed(0)} ms; selfeval's own .xlsx reader: ${ownReading.toFixed(0)} ms`);
  console.log(`  selfeval check DIR --format json --jobs 1: ${serial.toFixed(0)} ms`);
  console.log(`  selfeval check DIR --format json --jobs 2: ${two.toFixed(0)} ms (the main thread and a worker)`);
  console.log(`  selfeval check DIR --format json:          ${checker.toFixed(0)} ms (the default on ${cores} cores: ${Math.max(1, cores - 1)} thread(s))`);
  console.log(`  ratio to SheetJS: ${(checker / reader).toFixed(2)} (target ≤ 0.65 on 2 cores); --jobs 1 ${(serial / reader).toFixed(2)}, --jobs 2 ${(two / reader).toFixed(2)}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** One small workbook (3 tables, 11 KB): selfeval against a bare node, best of 10; with the compile cache and without (a fresh one each run). */
function startUp() {
  const small = path.join(__dirname, '..', '..', 'shared', 'fixtures', '000-stacked-official.xlsx');
  const bin = path.join(__dirname, '..', 'bin', 'selfeval.js');
  const coldDirs = [];
  const [bare, warm, cold, version] = bestOf(10, [
    { args: ['-e', '0'] },
    { args: [bin, 'check', small, '--format', 'json'], ok: [0, 1] },
    {
      args: [bin, 'check', small, '--format', 'json'],
      ok: [0, 1],
      env: () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-cold-'));
        coldDirs.push(tmp);
        return { ...process.env, TMPDIR: tmp };
      },
    },
    { args: [bin, '--version'] },
  ]);
  for (const d of coldDirs) fs.rmSync(d, { recursive: true, force: true });
  console.log(`start-up: one small workbook (${(fs.statSync(small).size / 1024).toFixed(0)} KB, 3 tables), best of 10 interleaved rounds, node ${process.version}:`);
  console.log(`  node -e 0:                          ${bare.toFixed(0)} ms`);
  console.log(`  selfeval --version:                 ${version.toFixed(0)} ms`);
  console.log(`  selfeval check --format json:       ${warm.toFixed(0)} ms (compile cache in place)`);
  console.log(`  the same, compile cache empty:      ${cold.toFixed(0)} ms`);
  console.log(`  ratio to node -e 0: ${(warm / bare).toFixed(2)} (target ≤ 1.6); without the cache ${(cold / bare).toFixed(2)}`);
  if (process.env.NODE_EXTRA_CA_CERTS) {
    // Node reads those certificates as it starts, before any script: a cost of every node process here, said apart.
    const without = { ...process.env };
    delete without.NODE_EXTRA_CA_CERTS;
    const [bareWithout, warmWithout] = bestOf(10, [{ args: ['-e', '0'], env: without }, { args: [bin, 'check', small, '--format', 'json'], ok: [0, 1], env: without }]);
    console.log(`  NODE_EXTRA_CA_CERTS is set here, and node loads those certificates at every start: without it node -e 0 takes ${bareWithout.toFixed(0)} ms, selfeval check ${warmWithout.toFixed(0)} ms (ratio ${(warmWithout / bareWithout).toFixed(2)}; the ratios above are in the machine's environment as it is)`);
  }
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

/** Wall-time ratios depend on what else the machine runs: say it. */
function machine(when) {
  const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  console.log(`machine ${when}: ${cores} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min)`);
}

machine('before');
seedVerdicts();
engineThroughput();
checkerAgainstReader();
folderAgainstReader();
startUp();
corpusCheckTimes();
machine('after');
