#!/usr/bin/env node
'use strict';
// Built from src/cli by `npm run build:cli` (run automatically by `npm ci` / `npm install`).
// Compiled code is kept on disk between runs (Node's own compile cache from 22.1, V8's code cache before).
require('../build/cli/compile-cache.js').enableCompileCache();
require('../build/cli/main.js')
  .run(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
