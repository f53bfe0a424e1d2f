#!/usr/bin/env node
'use strict';
// Built from src/cli by `npm run build:cli` (run automatically by `npm ci` / `npm install`): the
// command's modules in one file, build/cli/bundle.js (scripts/webpack-cli.config.js).
// Compiled code is kept on disk between runs (Node's own compile cache from 22.1, V8's code cache before).
const cache = require('../build/cli/compile-cache.js');
cache.enableCompileCache(cache.defaultCacheDir(process.argv[2] === 'check' ? 'check' : 'other'));
require('../build/cli/bundle.js')
  .run(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
