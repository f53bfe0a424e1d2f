#!/usr/bin/env node
'use strict';
// Built from src/cli by `npm run build:cli` (run automatically by `npm ci` / `npm install`).
const { run } = require('../build/cli/main.js');
process.exitCode = run(process.argv.slice(2));
