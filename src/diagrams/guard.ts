// Runs untrusted work in a worker thread that can be stopped: one job at a time, each under a time
// limit, the whole worker under a heap limit. A job that throws, rejects, leaves an uncaught
// exception behind, runs out of time or memory ends as one `Guarded` failure; the worker is then
// terminated and a fresh one starts on the next job. The build's own thread never runs the work.
// An idle worker is unref'd: it never keeps the process alive.
import { Worker } from 'node:worker_threads';
import { DIAGRAM_MEMORY_MB, DIAGRAM_TIMEOUT_MS, seconds } from './limits.js';
import type { LimitRule } from './limits.js';
import { errorMessage } from './outcome.js';

export type Guarded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rule: LimitRule; readonly error: string };

export interface GuardOptions {
  /** Heap limit of the worker (old generation), in MB. */
  readonly memoryMb?: number;
  /** Time a worker may take to load its modules before it counts as crashed. */
  readonly startTimeoutMs?: number;
}

export interface Guard<J, T> {
  run(job: J, timeoutMs?: number): Promise<Guarded<T>>;
  /** Workers started so far, and the milliseconds they took to be ready. */
  readonly starts: number;
  readonly startMs: number;
  close(): Promise<void>;
}

type FromWorker<T> = { type: 'ready' } | { type: 'done'; seq: number; value: T } | { type: 'failed'; seq: number; error: string };

/** A worker running `file`; a `.ts` file (tests under tsx) is loaded through tsx's loader. */
export function startModuleWorker(file: URL, memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, stackSizeMb: 4 };
  if (!file.pathname.endsWith('.ts')) return new Worker(file, { resourceLimits });
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(boot, { eval: true, resourceLimits });
}

/** The failure a dead worker stands for: out of memory, or a crash. */
function deathOf(error: unknown, memoryMb: number): Guarded<never> {
  if ((error as { code?: string })?.code === 'ERR_WORKER_OUT_OF_MEMORY') return { ok: false, rule: 'diagram-too-large', error: `it needed more than the ${memoryMb} MB memory limit` };
  return { ok: false, rule: 'diagram-crashed', error: `its renderer crashed: ${errorMessage(error).split('\n')[0]}` };
}

interface Live {
  readonly worker: Worker;
  readonly ready: Promise<Guarded<true>>;
  /** Settles the job in flight, if any. */
  settle?: (result: Guarded<never>) => void;
}

/** A guard over workers running `file`, which must call `serveJobs` (src/diagrams/guard-serve.ts). */
export function createGuard<J, T>(file: URL, options: GuardOptions = {}): Guard<J, T> {
  const memoryMb = options.memoryMb ?? DIAGRAM_MEMORY_MB;
  let live: Live | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let seq = 0;
  let starts = 0;
  let startMs = 0;
  const kill = (l: Live): void => {
    if (live === l) live = undefined;
    void l.worker.terminate();
  };
  const start = (): Live => {
    const started = performance.now();
    const worker = startModuleWorker(file, memoryMb);
    starts++;
    const l: Live = {
      worker,
      ready: new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false, rule: 'diagram-crashed', error: 'the diagram worker did not start in time' }), options.startTimeoutMs ?? 120_000);
        worker.on('message', (m: FromWorker<T>) => {
          if (m.type !== 'ready') return;
          clearTimeout(timer);
          startMs += performance.now() - started;
          resolve({ ok: true, value: true });
        });
        const dead = (error: unknown): void => {
          clearTimeout(timer);
          kill(l);
          const death = deathOf(error, memoryMb);
          resolve(death);
          l.settle?.(death);
        };
        worker.on('error', dead);
        worker.on('exit', (code) => dead(new Error(`the worker stopped with exit code ${code}`)));
      }),
    };
    worker.unref();
    return l;
  };
  const runOne = async (job: J, timeoutMs: number): Promise<Guarded<T>> => {
    const l = (live ??= start());
    l.worker.ref();
    try {
      const ready = await l.ready;
      if (!ready.ok) return ready;
      return await new Promise<Guarded<T>>((resolve) => {
        const n = seq++;
        const onMessage = (m: FromWorker<T>): void => {
          if (m.type === 'ready' || m.seq !== n) return;
          settle(m.type === 'done' ? { ok: true, value: m.value } : { ok: false, rule: 'diagram-crashed', error: `its renderer failed: ${m.error}` });
        };
        const timer = setTimeout(() => {
          kill(l);
          settle({ ok: false, rule: 'diagram-timeout', error: `it took longer than the ${seconds(timeoutMs)} time limit` });
        }, timeoutMs);
        const settle = (result: Guarded<T>): void => {
          clearTimeout(timer);
          l.worker.off('message', onMessage);
          l.settle = undefined;
          resolve(result);
        };
        l.settle = settle;
        l.worker.on('message', onMessage);
        l.worker.postMessage({ seq: n, job });
      });
    } finally {
      l.worker.unref();
    }
  };
  return {
    run(job, timeoutMs = DIAGRAM_TIMEOUT_MS) {
      const result = queue.then(() => runOne(job, timeoutMs));
      queue = result.catch(() => undefined);
      return result;
    },
    get starts() {
      return starts;
    },
    get startMs() {
      return startMs;
    },
    async close() {
      await queue;
      const l = live;
      live = undefined;
      if (l) await l.worker.terminate();
    },
  };
}
