'use strict';
// `npm run build:cli`, after tsc: the command's modules (build/cli/main.js and all it loads,
// decimal.js included) in one file, build/cli/bundle.js, which bin/selfeval.js runs: one file to
// find, read and take from the compile cache instead of about forty saves a small check ~10 ms
// (README, Benchmarks). The libraries loaded only for some runs stay outside (SheetJS for .xls,
// exceljs for --summary, fflate for writing zips); worker threads run build/cli/worker.js.
const path = require('path');

module.exports = {
  mode: 'none',
  target: 'node',
  entry: path.join(__dirname, '..', 'build', 'cli', 'main.js'),
  output: { path: path.join(__dirname, '..', 'build', 'cli'), filename: 'bundle.js', library: { type: 'commonjs2' } },
  externals: { '@e965/xlsx': 'commonjs @e965/xlsx', exceljs: 'commonjs exceljs', fflate: 'commonjs fflate' },
  // __dirname and __filename stay Node's own: the pool finds worker.js next to the bundle.
  node: { __dirname: false, __filename: false },
  optimization: { minimize: false },
};
