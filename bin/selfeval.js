#!/usr/bin/env node
'use strict';
// Built from src/cli by `npm run build:cli` (run automatically by `npm ci` / `npm install`).
// Node ≥ 22.1 keeps the compiled code of the modules on disk between runs (module.enableCompileCache);
// older versions compile them each time.
const nodeModule = require('module');
if (typeof nodeModule.enableCompileCache === 'function') nodeModule.enableCompileCache();
require('../build/cli/main.js')
  .run(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
