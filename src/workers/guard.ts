// Runs untrusted work in a child process that can be stopped: one job at a time, each under a
// time limit, the whole process under a heap limit. A job that throws, rejects, leaves an uncaught
// exception behind, runs out of time or memory ends as one `Guarded` failure; the process is then
// killed and a fresh one starts on the next job. The build's own process never runs the work.
// Not a worker thread: V8 ends the whole process, not the thread, when one allocation overshoots a
// worker's heap limit by more than 16 MB (an 80 MB array did, in testing). An idle child is
// unref'd: it never keeps the build alive.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DIAGRAM_MEMORY_MB, DIAGRAM_TIMEOUT_MS, seconds } from '../diagrams/limits.js';
import type { LimitRule } from '../diagrams/limits.js';

export type Guarded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly rule: LimitRule; readonly error: string };

export interface GuardOptions {
  /** Heap limit of the child (V8's old generation), in MB. */
  readonly memoryMb?: number;
  /** Time a child may take to load its modules before it counts as crashed. */
  readonly startTimeoutMs?: number;
  /** What the child is, in messages ("the diagram renderer"). */
  readonly name?: string;
  /** Arguments of the child (`process.argv.slice(2)`). */
  readonly args?: readonly string[];
}

export interface Guard<J, T> {
  /** `progress` is told what the child reports while it works on the job (`serveJobs`' `report`). */
  run(job: J, timeoutMs?: number, progress?: (value: unknown) => void): Promise<Guarded<T>>;
  /** Starts a child now, when none runs, so the first job does not wait for it to load. */
  warm(): void;
  /** A child is running (the next job does not wait for one to load). */
  readonly running: boolean;
  /** Children started so far, and the milliseconds they took to be ready. */
  readonly starts: number;
  readonly startMs: number;
  close(): Promise<void>;
}

type FromChild<T> =
  | { type: 'ready' }
  | { type: 'done'; seq: number; value: T }
  | { type: 'progress'; seq: number; value: unknown }
  | { type: 'failed' | 'crashed'; seq: number | undefined; error: string };

/** A Node process running `file`; a `.ts` file (tests) is loaded through tsx. */
function startModuleProcess(file: URL, memoryMb: number, args: readonly string[]): ChildProcess {
  const execArgv = [`--max-old-space-size=${memoryMb}`];
  if (file.pathname.endsWith('.ts')) execArgv.push('--import', import.meta.resolve('tsx'));
  return fork(fileURLToPath(file), [...args], {
    execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
}

/** The failure a dead child stands for: out of memory (V8 says so on stderr), or a crash. */
function deathOf(stderr: string, code: number | null, signal: string | null, memoryMb: number): Guarded<never> {
  if (/heap out of memory|Reached heap limit/.test(stderr))
    return { ok: false, rule: 'diagram-too-large', error: `it needed more than the ${memoryMb} MB memory limit` };
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  return { ok: false, rule: 'diagram-crashed', error: `its renderer crashed (${how})` };
}

interface Live {
  readonly child: ChildProcess;
  readonly ready: Promise<Guarded<true>>;
  /** Settles the job in flight, if any. */
  settle?: (result: Guarded<never>) => void;
}

const setRef = (child: ChildProcess, on: boolean): void => {
  const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
  if (on) child.ref(), channel?.ref();
  else child.unref(), channel?.unref();
  (child.stderr as { ref?(): void; unref?(): void } | null)?.[on ? 'ref' : 'unref']?.();
};

/** A guard over processes running `file`, which must call `serveJobs` (src/workers/guard-serve.ts). */
export function createGuard<J, T>(file: URL, options: GuardOptions = {}): Guard<J, T> {
  const memoryMb = options.memoryMb ?? DIAGRAM_MEMORY_MB;
  const name = options.name ?? 'the diagram renderer';
  let live: Live | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let seq = 0;
  let starts = 0;
  let startMs = 0;
  const kill = (l: Live): void => {
    if (live === l) live = undefined;
    l.child.kill('SIGKILL');
  };
  const start = (): Live => {
    const started = performance.now();
    const child = startModuleProcess(file, memoryMb, options.args ?? []);
    starts++;
    // a child busy in a layout would outlive a build that exits under it
    const killOnExit = (): boolean => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('close', () => process.off('exit', killOnExit));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4096)));
    const l: Live = {
      child,
      ready: new Promise((resolve) => {
        const timer = setTimeout(
          () => (kill(l), resolve({ ok: false, rule: 'diagram-crashed', error: `${name} did not start in time` })),
          options.startTimeoutMs ?? 120_000,
        );
        child.on('message', (m: FromChild<T>) => {
          if (m.type === 'ready') {
            clearTimeout(timer);
            startMs += performance.now() - started;
            resolve({ ok: true, value: true });
          } else if (m.type === 'crashed') {
            kill(l);
            l.settle?.({ ok: false, rule: 'diagram-crashed', error: `its renderer crashed: ${m.error}` });
          }
        });
        const dead = (death: Guarded<never>): void => {
          clearTimeout(timer);
          if (live === l) live = undefined;
          resolve(death);
          l.settle?.(death);
        };
        child.on(
          'error',
          (error) => (
            kill(l), dead({ ok: false, rule: 'diagram-crashed', error: `${name} could not run: ${error.message}` })
          ),
        );
        // stderr may still hold V8's last words when the exit is seen: read it once it has closed
        child.on('close', (code, signal) => dead(deathOf(stderr, code, signal, memoryMb)));
      }),
    };
    setRef(child, false);
    return l;
  };
  const runOne = async (job: J, timeoutMs: number, progress?: (value: unknown) => void): Promise<Guarded<T>> => {
    const l = (live ??= start());
    setRef(l.child, true);
    try {
      const ready = await l.ready;
      if (!ready.ok) return ready;
      return await new Promise<Guarded<T>>((resolve) => {
        const n = seq++;
        const onMessage = (m: FromChild<T>): void => {
          if (m.type === 'progress' && m.seq === n) progress?.(m.value);
          if (m.type !== 'done' && m.type !== 'failed') return;
          if (m.seq !== n) return;
          settle(
            m.type === 'done'
              ? { ok: true, value: m.value }
              : { ok: false, rule: 'diagram-crashed', error: `its renderer failed: ${m.error}` },
          );
        };
        const timer = setTimeout(() => {
          kill(l);
          settle({
            ok: false,
            rule: 'diagram-timeout',
            error: `it took longer than the ${seconds(timeoutMs)} time limit`,
          });
        }, timeoutMs);
        const settle = (result: Guarded<T>): void => {
          clearTimeout(timer);
          l.child.off('message', onMessage);
          l.settle = undefined;
          resolve(result);
        };
        l.settle = settle;
        l.child.on('message', onMessage);
        l.child.send(
          { seq: n, job },
          (error) =>
            error &&
            (kill(l),
            settle({
              ok: false,
              rule: 'diagram-crashed',
              error: `its renderer could not be reached: ${error.message}`,
            })),
        );
      });
    } finally {
      setRef(l.child, false);
    }
  };
  return {
    run(job, timeoutMs = DIAGRAM_TIMEOUT_MS, progress) {
      const result = queue.then(() => runOne(job, timeoutMs, progress));
      queue = result.catch(() => undefined);
      return result;
    },
    warm() {
      live ??= start();
    },
    get running() {
      return live !== undefined;
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
      if (l) l.child.kill('SIGKILL');
    },
  };
}
