// The worker side of src/diagrams/guard.ts: answers jobs one at a time, then says it is ready.
import { parentPort } from 'node:worker_threads';
import { errorMessage } from './outcome.js';

/** Serves `handle` to the guard that started this worker thread. */
export function serveJobs<J, T>(handle: (job: J) => Promise<T>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread only');
  let queue: Promise<void> = Promise.resolve();
  port.on('message', ({ seq, job }: { seq: number; job: J }) => {
    queue = queue.then(async () => {
      try {
        const value = await handle(job);
        // Callbacks a renderer left behind run now, while this job is still the one in flight: a
        // throw there (vega-scenegraph's SVG writer did this on a link) is charged to this job.
        await new Promise((resolve) => setImmediate(resolve));
        port.postMessage({ type: 'done', seq, value });
      } catch (error) {
        port.postMessage({ type: 'failed', seq, error: errorMessage(error) });
      }
    });
  });
  port.postMessage({ type: 'ready' });
}
