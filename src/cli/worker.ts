/** A worker thread of `selfeval check`: checks the files the pool sends, one at a time. */
import { parentPort, workerData } from 'worker_threads';
import { checkInput, type Input, type JobOptions } from './job';

const options = workerData as JobOptions;
parentPort!.on('message', (task: { index: number; input: Input }) => {
  parentPort!.postMessage({ index: task.index, result: checkInput(task.input, options) });
});
