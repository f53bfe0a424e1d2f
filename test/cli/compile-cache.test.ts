/**
 * The compile cache of the installed command: written by a first run, used as it is by the
 * next, a damaged entry rejected and written again, the output the same in every case.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES_DIR } from '../support/fixtures';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-cache-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `selfeval check FILE --format json` with the cache in `cache`; prints which cache it used on stderr. */
function checkWithCache(cache: string): { stdout: string; stderr: string; status: number | null } {
  const script = `
const mode = require(${JSON.stringify(path.join(ROOT, 'build/cli/compile-cache.js'))}).enableCompileCache(${JSON.stringify(cache)});
process.stderr.write(mode);
require(${JSON.stringify(path.join(ROOT, 'build/cli/main.js'))}).run(process.argv.slice(1)).then((c) => (process.exitCode = c));`;
  return spawnSync(process.execPath, ['-e', script, 'check', path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), '--format', 'json'], { encoding: 'utf8' });
}

const entries = (cache: string) => (fs.existsSync(cache) ? fs.readdirSync(cache).sort() : []);

test("Node's own cache where it has one, V8's code cache otherwise", () => {
  const cache = path.join(dir, 'which');
  const first = checkWithCache(cache);
  expect(first.status).toBe(1);
  expect(first.stderr).toBe(typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function' ? 'node' : 'v8');
});

const v8Only = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function' ? test.skip : test;

v8Only('written by the first run, used by the second, a damaged entry written again; the same output', () => {
  const cache = path.join(dir, 'v8');
  const first = checkWithCache(cache);
  const written = entries(cache);
  // main, args, format, job, the engine's modules, the reader, SheetJS, decimal.js
  expect(written.length).toBeGreaterThanOrEqual(15);
  const stamps = new Map(written.map((f) => [f, fs.statSync(path.join(cache, f)).mtimeMs]));

  const second = checkWithCache(cache);
  expect(second.stdout).toBe(first.stdout);
  expect(entries(cache)).toEqual(written);
  for (const f of written) expect(fs.statSync(path.join(cache, f)).mtimeMs).toBe(stamps.get(f)); // accepted, not rewritten

  const damaged = path.join(cache, written[0]);
  fs.writeFileSync(damaged, 'not a code cache');
  const third = checkWithCache(cache);
  expect(third.stdout).toBe(first.stdout);
  expect(fs.readFileSync(damaged, 'latin1')).not.toBe('not a code cache');
  expect(entries(cache)).toEqual(written); // no temporary file left behind
});

test("a run that checks nothing writes no check's cache: `selfeval --version` first leaves the check's cache to the first check", () => {
  const tmp = path.join(dir, 'kinds');
  fs.mkdirSync(tmp);
  const bin = path.join(ROOT, 'bin', 'selfeval.js');
  const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  const kind = (k: string) => path.join(tmp, 'selfeval-compile-cache', `${process.version}-${process.arch}`, k);
  expect(spawnSync(process.execPath, [bin, '--version'], { env, encoding: 'utf8' }).status).toBe(0);
  expect(entries(kind('other')).length).toBeGreaterThan(0);
  expect(entries(kind('check'))).toEqual([]);
  const check = spawnSync(process.execPath, [bin, 'check', path.join(FIXTURES_DIR, '004-stacked-flat.xlsx'), '--format', 'json'], { env, encoding: 'utf8' });
  expect(check.status).toBe(1);
  expect(entries(kind('check')).length).toBeGreaterThan(0);
});

test('an unwritable cache folder costs nothing but speed', () => {
  const blocked = path.join(dir, 'file-not-folder');
  fs.writeFileSync(blocked, '');
  const r = checkWithCache(path.join(blocked, 'cache'));
  expect(r.status).toBe(1);
  expect(JSON.parse(r.stdout).files).toHaveLength(1);
});
