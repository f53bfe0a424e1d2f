'use strict';
// npm run bench: engine throughput, checker wall time against the fastest reader, bundle size, sync counts.
const { performance } = require('perf_hooks');
const { checkWorkbook } = require('../build/engine/index.js');
const { generatedSheets } = require('./workbook.js');

function engineThroughput() {
  const sheets = generatedSheets(1200, 10);
  checkWorkbook(sheets); // warm-up
  const runs = 5;
  let best = Infinity;
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = checkWorkbook(sheets);
    best = Math.min(best, performance.now() - t0);
    rows = r.tables.reduce((s, t) => s + t.indicators.length, 0);
  }
  const tables = sheets.length && checkWorkbook(sheets).tables.length;
  console.log(`engine: ${tables} tables, ${rows} indicator rows, best of ${runs}: ${best.toFixed(1)} ms (automatic profile choice, ${require('../build/engine/index.js').PROFILES.length} profiles)`);
  console.log(`${Math.round(rows / (best / 1000))} indicator rows/s`);
}

engineThroughput();
