/**
 * Several files over worker threads, and the main thread. Each worker is sent two files ahead
 * and the next as soon as it answers, so a slow file holds up one thread only. Results are
 * handed back by input index, so the caller prints them in input order whatever the order they
 * finish in. A worker that dies (an uncaught error, out of memory, process.exit) costs the file
 * it was checking only: that file gets one line and an "unreadable" entry, a fresh worker takes
 * the rest.
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

/** Files a worker is sent ahead of its answers, so that it never waits for the main thread to hand it the next. */
const IN_FLIGHT = 2;

/**
 * Checks `inputs` on `workers` worker threads, and in this thread too when `local` is given (it
 * checks one file, then lets the workers' answers in); `onResult(index, result)` is called as
 * each file finishes. Resolves with the results in input order.
 */
export function checkInWorkers(
  inputs: readonly Input[],
  options: JobOptions,
  workers: number,
  onResult: (index: number, result: JobResult) => void,
  script = WORKER_SCRIPT,
  local?: (input: Input) => JobResult,
): Promise<JobResult[]> {
  const results: JobResult[] = new Array(inputs.length);
  /** Files no thread has taken yet, in input order (a dead worker's files not begun come back first). */
  const queue = inputs.map((_, i) => i);
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
      /** The files sent, oldest first: the worker checks them in that order. */
      const sent: number[] = [];
      let failure: string | null = null;
      let closed = false;
      const feed = () => {
        while (sent.length < IN_FLIGHT && queue.length > 0) {
          const index = queue.shift() as number;
          sent.push(index);
          worker.postMessage({ index, input: inputs[index] });
        }
        if (sent.length === 0 && !closed) {
          closed = true;
          worker.postMessage(null); // the worker closes its port and exits, saving its compile cache
        }
      };
      worker.on('message', (m: { index: number; json: string }) => {
        sent.splice(sent.indexOf(m.index), 1);
        settle(m.index, JSON.parse(m.json) as JobResult);
        feed();
      });
      worker.on('error', (e) => (failure = e.message));
      worker.on('exit', (code) => {
        if (sent.length === 0) return;
        const [index, ...notBegun] = sent;
        sent.length = 0;
        queue.unshift(...notBegun);
        settle(index, crashResult(inputs[index], failure ?? `exit code ${code}`));
        if (queue.length > 0) spawn();
      });
      feed();
    };
    const count = Math.max(0, Math.min(workers, inputs.length - (local ? 1 : 0)));
    for (let i = 0; i < count; i++) spawn();
    if (local) {
      const work = () => {
        const index = queue.shift();
        if (index === undefined) return;
        settle(index, local(inputs[index]));
        setImmediate(work);
      };
      work();
    }
  });
}
