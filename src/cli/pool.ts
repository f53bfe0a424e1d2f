/**
 * Several files over worker threads. Each worker checks one file at a time and gets the next as
 * soon as it answers, so a slow file holds up one worker only. Results are handed back by input
 * index, so the caller prints them in input order whatever the order they finish in. A worker
 * that dies (an uncaught error, out of memory, process.exit) costs its file only: that file
 * gets one line and an "unreadable" entry, a fresh worker takes the rest.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { unreadable, type Input, type JobOptions, type JobResult } from './job';

/** The worker script next to this module (compiled .js; from the TypeScript sources in tests, through ts-node). */
export const WORKER_SCRIPT = path.join(__dirname, `worker${path.extname(__filename)}`);

function startWorker(script: string, options: JobOptions): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, { workerData: options });
  const load = `require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs', moduleResolution: 'node10' } }); require(${JSON.stringify(script)});`;
  return new Worker(load, { eval: true, workerData: options });
}

/** What a crashed worker's file gets: one clear line, and an entry saying why it was not checked. */
export function crashResult(input: Input, why: string): JobResult {
  const reason = `检查此文件时工作线程崩溃，已跳过 (worker crashed: ${why})`;
  return { entry: unreadable(input.file, reason), messages: [`${input.file}: ${reason}\n`], annotated: null };
}

/**
 * Checks `inputs` on `jobs` workers; `onResult(index, result)` is called as each file finishes.
 * Resolves with the results in input order.
 */
export function checkInWorkers(
  inputs: readonly Input[],
  options: JobOptions,
  jobs: number,
  onResult: (index: number, result: JobResult) => void,
  script = WORKER_SCRIPT,
): Promise<JobResult[]> {
  const results: JobResult[] = new Array(inputs.length);
  let next = 0;
  let finished = 0;
  return new Promise((resolve) => {
    if (inputs.length === 0) return resolve(results);
    const settle = (index: number, result: JobResult) => {
      results[index] = result;
      finished++;
      onResult(index, result);
      if (finished === inputs.length) resolve(results);
    };
    const spawn = () => {
      const worker = startWorker(script, options);
      let current: number | null = null;
      let failure: string | null = null;
      const feed = () => {
        if (next >= inputs.length) {
          current = null;
          worker.postMessage(null); // the worker closes its port and exits, saving its compile cache
          return;
        }
        current = next++;
        worker.postMessage({ index: current, input: inputs[current] });
      };
      worker.on('message', (m: { index: number; json: string }) => {
        settle(m.index, JSON.parse(m.json) as JobResult);
        feed();
      });
      worker.on('error', (e) => (failure = e.message));
      worker.on('exit', (code) => {
        if (current === null) return;
        const index = current;
        current = null;
        settle(index, crashResult(inputs[index], failure ?? `exit code ${code}`));
        if (next < inputs.length) spawn();
      });
      feed();
    };
    const count = Math.max(1, Math.min(jobs, inputs.length));
    for (let i = 0; i < count; i++) spawn();
  });
}
