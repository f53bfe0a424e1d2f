'use strict';
// jest globalSetup: the command built once (tsc, then the bundle bin/selfeval.js runs) before any
// test file runs it, so that no two test files rebuild it at the same time.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = () => {
  execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: path.resolve(__dirname, '../..'), stdio: 'ignore' });
};
