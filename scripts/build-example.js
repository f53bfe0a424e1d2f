'use strict';
// Writes assets/example-workbook.xlsx from the seed tables in src/engine/sample.ts (run after `npm run build:cli`).
const path = require('path');
const { exampleSheets } = require('../build/engine/sample.js');
const { writeWorkbook } = require('./write-workbook.js');

const out = path.join(__dirname, '..', 'assets', 'example-workbook.xlsx');
writeWorkbook(exampleSheets(), out);
console.log(`wrote ${out}`);
