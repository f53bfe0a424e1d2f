/**
 * Worker threads: the installed command prints byte for byte the same with --jobs 1 and with
 * several workers, in every format; the progress bar counts files as they finish; a worker that
 * dies costs its own file only.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { JobOptions, JobResult } from '../../src/cli/job';
import { FIXTURES_DIR } from '../support/fixtures';
import { capture, hostileWorkbook } from './support';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'selfeval.js');
let dir: string;
let folder: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selfeval-parallel-'));
  folder = path.join(dir, 'in');
  // Files of very different sizes (3 to 21 tables), so that they finish out of order.
  const names = fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.xlsx'));
  for (let i = 0; i < 3; i++) {
    const sub = path.join(folder, `单位${i}`);
    fs.mkdirSync(sub, { recursive: true });
    for (const n of names) fs.copyFileSync(path.join(FIXTURES_DIR, n), path.join(sub, `${i}-${n}`));
  }
  hostileWorkbook(path.join(folder, 'hostile.xlsx'));
  fs.writeFileSync(path.join(folder, 'broken.xlsx'), 'PK\x03\x04 not really a zip');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function selfeval(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

describe('parallel output equals serial output byte for byte', () => {
  test.each([['json'], ['text'], ['csv'], ['html']])('--format %s', (format) => {
    const serial = selfeval(['check', folder, '--format', format, '--jobs', '1']);
    expect(serial.status).toBe(2); // broken.xlsx
    expect(serial.stdout.length).toBeGreaterThan(1000);
    expect(serial.stderr).toContain('broken.xlsx');
    for (const jobs of ['2', '3']) {
      const parallel = selfeval(['check', folder, '--format', format, '--jobs', jobs]);
      expect(parallel.status).toBe(serial.status);
      expect(parallel.stdout).toBe(serial.stdout);
      expect(parallel.stderr).toBe(serial.stderr);
    }
  });

  test('the annotated copies too', () => {
    const a = path.join(dir, 'serial');
    const b = path.join(dir, 'parallel');
    const serial = selfeval(['check', folder, '--format', 'json', '--jobs', '1', '--annotate', a]);
    const parallel = selfeval(['check', folder, '--format', 'json', '--jobs', '2', '--annotate', b]);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(parallel.stderr).toBe(serial.stderr.split(path.relative(process.cwd(), a)).join(path.relative(process.cwd(), b)));
    const copies = (root: string) => fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xlsx')).sort();
    expect(copies(b)).toEqual(copies(a));
    expect(copies(a).length).toBe(3 * 4 + 1);
    for (const f of copies(a)) expect(fs.readFileSync(path.join(b, f)).equals(fs.readFileSync(path.join(a, f)))).toBe(true);
  });
});

test('the progress bar counts files as they finish, up to all of them, and makes way for messages', async () => {
  const { err, code } = await capture(['check', folder, '--format', 'json', '--jobs', '2', '--annotate', path.join(dir, 'progress')], true);
  expect(code).toBe(2);
  const counts = [...err.matchAll(/\] (\d+)\/(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const total = 3 * 4 + 2;
  expect(counts).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
  expect(err.endsWith(`${total}/${total}\n`)).toBe(true);
  // A message (here: each annotated copy) never lands after a bar on the same line: the bar is cleared first.
  expect(err.match(/\r\x1b\[K标注副本/g)?.length).toBeGreaterThan(5);
  expect(err).not.toMatch(/\] \d+\/\d+(?![\d\r\n])/);
});

describe('a worker that dies', () => {
  /** The real worker, except that it throws or exits on the files named so. */
  function crashingWorker(): string {
    const file = path.join(dir, 'crashing-worker.js');
    fs.writeFileSync(
      file,
      `const { parentPort, workerData } = require('worker_threads');
const { checkInput } = require(${JSON.stringify(path.join(ROOT, 'build', 'cli', 'job.js'))});
parentPort.on('message', ({ index, input }) => {
  if (input.file.includes('throws')) throw new Error('boom in the worker');
  if (input.file.includes('exits')) process.exit(7);
  parentPort.postMessage({ index, json: JSON.stringify(checkInput(input, workerData)) });
});`,
    );
    return file;
  }

  test('is one clear line for its file; the batch goes on, in input order', async () => {
    const { checkInWorkers } = require(path.join(ROOT, 'build', 'cli', 'pool.js')) as typeof import('../../src/cli/pool');
    const { checkInput } = require(path.join(ROOT, 'build', 'cli', 'job.js')) as typeof import('../../src/cli/job');
    const good = path.join(FIXTURES_DIR, '004-stacked-flat.xlsx');
    const files = [good, path.join(dir, 'throws.xlsx'), good, path.join(dir, 'exits.xlsx'), path.join(FIXTURES_DIR, '000-stacked-official.xlsx'), good];
    const inputs = files.map((file) => ({ file, relative: path.basename(file) }));
    const options: JobOptions = { profile: 'auto', lang: 'zh', noticesToStderr: true, annotate: null };
    const seen: number[] = [];
    const results: JobResult[] = await checkInWorkers(inputs, options, 2, (i) => seen.push(i), crashingWorker());
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results[1].messages).toEqual([`${files[1]}: 检查此文件时工作线程崩溃，已跳过 (worker crashed: boom in the worker)\n`]);
    expect(results[3].messages).toEqual([`${files[3]}: 检查此文件时工作线程崩溃，已跳过 (worker crashed: exit code 7)\n`]);
    for (const i of [1, 3]) expect(results[i].entry).toMatchObject({ file: files[i], tables: [], findings: [] });
    for (const i of [0, 2, 4, 5]) expect(JSON.stringify(results[i])).toBe(JSON.stringify(checkInput(inputs[i], options)));
  });
});
