'use strict';
// A generated workbook of many tables (the seeds' tables, repeated with varied numbers), for benchmarks.
const { stackForms } = require('../build/engine/form.js');
const sample = require('../build/engine/sample.js');

const SPECS = [sample.SHANGHAI_FABU, sample.SHANGHAI_MEETINGS, sample.PUTUO_ONLINE, sample.BAOSHAN_EXPRESS, sample.QINGPU_PLATFORM, sample.MINHANG_PRINTING];
const STYLES = [
  { labels: 'merged', rate: 'fraction', title: true },
  { labels: 'repeated', rate: 'percent-header' },
  { labels: 'blank', rate: 'text', serialColumn: true },
];

/** The seed's indicators repeated up to `count` rows (weights kept, so weight and total findings are reported too). */
function widen(spec, count) {
  const indicators = [];
  for (let i = 0; i < count; i++) {
    const ind = spec.indicators[i % spec.indicators.length];
    indicators.push({ ...ind, name: `${ind.name}（${i + 1}）` });
  }
  return { ...spec, indicators };
}

/** `tables` tables spread over `sheets` sheets, `indicators` rows each (published tables have 3 to 28, 12 on average in 004). */
function generatedSheets(tables, sheets, indicators = 12) {
  const perSheet = Math.ceil(tables / sheets);
  const out = [];
  let n = 0;
  for (let s = 0; s < sheets; s++) {
    const forms = [];
    for (let i = 0; i < perSheet && n < tables; i++, n++) {
      const spec = SPECS[n % SPECS.length];
      forms.push({ spec: { ...widen(spec, indicators), project: `${spec.project} #${n + 1}` }, style: STYLES[n % STYLES.length] });
    }
    out.push(stackForms(`自评表${s + 1}`, forms).sheet);
  }
  return out;
}

module.exports = { generatedSheets };
