// The child side of src/workers/guard.ts: answers jobs one at a time, then says it is ready.
import { errorMessage } from '../diagrams/outcome.js';

type Send = (message: unknown, callback?: () => void) => void;

/**
 * Serves `handle` to the guard that started this process; `report` sends the guard's `progress`
 * a value at once (it leaves before the job goes on, so a job that then hangs has said it).
 */
export function serveJobs<J, T>(handle: (job: J, report: (value: unknown) => void) => Promise<T>): void {
  if (!process.send) throw new Error('serveJobs runs in a process started by the guard only');
  const send = process.send.bind(process) as Send;
  let queue: Promise<void> = Promise.resolve();
  let current: number | undefined;
  // Anything thrown outside the job's own promise chain: say so, then end this process.
  const crash = (error: unknown): void =>
    send({ type: 'crashed', seq: current, error: errorMessage(error).split('\n')[0] }, () => process.exit(70));
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.on('message', ({ seq, job }: { seq: number; job: J }) => {
    queue = queue.then(async () => {
      current = seq;
      try {
        const value = await handle(job, (progress) => send({ type: 'progress', seq, value: progress }));
        // Callbacks a renderer left behind run now, while this job is still the one in flight: a
        // throw there (vega-scenegraph's SVG writer did this on a link) is charged to this job.
        await new Promise((resolve) => setImmediate(resolve));
        send({ type: 'done', seq, value });
      } catch (error) {
        send({ type: 'failed', seq, error: errorMessage(error) });
      }
      current = undefined;
    });
  });
  send({ type: 'ready' });
}
