// Edge: one notebook executed by nbclient in a real Jupyter kernel, through the runner script run
// with the chosen Python, talking JSON over stdin and stdout. The runner enforces the per-cell
// timeout (and nbclient a 60 s kernel start); the whole-notebook limit is enforced here, from the
// moment the runner says its kernel is up (a start takes 1–2 s, and over 20 s on a loaded
// machine): SIGTERM (the runner shuts its kernel down), then SIGKILL 5 s later (a kernel left
// behind exits when it sees its parent gone, as ipykernel's parent poller does). A runner that
// crashes or answers nonsense is a `failed` run, never a throw.
import { spawn } from 'node:child_process';
import { pythonEnv, RUNNER_SCRIPT } from './python.js';
import type { RunStatus } from './outcome.js';

export interface RunRequest {
  readonly python: string;
  /** The notebook's JSON, as saved. */
  readonly notebook: unknown;
  readonly cwd: string;
  readonly kernel: string;
  readonly timeout: number;
  readonly notebookTimeout: number;
  readonly allowErrors: boolean;
}

export interface RunAnswer {
  readonly status: RunStatus;
  readonly notebook: unknown;
  readonly cell: number | null;
  readonly message: string;
}

const STARTED = '\nbinderpress:kernel-started\n';
/** Seconds beyond nbclient's 60 s kernel start limit before a silent runner is stopped. */
const STARTUP_GUARD = 120;

const STATUSES: readonly RunStatus[] = ['ok', 'error', 'timeout', 'dead', 'no-kernel', 'failed'];

function parseAnswer(stdout: string, stderr: string, code: number | null): RunAnswer {
  try {
    const answer = JSON.parse(stdout) as RunAnswer;
    if (STATUSES.includes(answer.status))
      return {
        status: answer.status,
        notebook: answer.notebook ?? null,
        cell: typeof answer.cell === 'number' ? answer.cell : null,
        message: String(answer.message ?? ''),
      };
  } catch {
    // below
  }
  const last = stderr.replace(STARTED, '\n').trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
  return {
    status: 'failed',
    notebook: null,
    cell: null,
    message: `the runner stopped without an answer (${last.slice(0, 300)})`,
  };
}

export function runNotebook(request: RunRequest): Promise<RunAnswer> {
  return new Promise((done) => {
    const child = spawn(request.python, [RUNNER_SCRIPT], {
      cwd: request.cwd,
      env: pythonEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    let overtime = false;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    let kill: NodeJS.Timeout | undefined;
    const stop = () => {
      overtime = true;
      child.kill('SIGTERM');
      kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    };
    // Until the kernel is up, only a guard against a runner that hangs before nbclient's own limit.
    let limit = setTimeout(stop, (request.notebookTimeout + STARTUP_GUARD) * 1000);
    let started = false;
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-4000);
      if (started || !err.includes(STARTED)) return;
      started = true;
      clearTimeout(limit);
      limit = setTimeout(stop, request.notebookTimeout * 1000);
    });
    child.on('error', (e) => {
      clearTimeout(limit);
      done({
        status: 'failed',
        notebook: null,
        cell: null,
        message: `${request.python} could not be started (${e.message})`,
      });
    });
    child.on('close', (code) => {
      clearTimeout(limit);
      if (kill) clearTimeout(kill);
      if (overtime)
        return done({
          status: 'failed',
          notebook: null,
          cell: null,
          message: `the notebook ran longer than ${request.notebookTimeout} s in all and was stopped (raise execute.notebookTimeout)`,
        });
      done(parseAnswer(Buffer.concat(out).toString('utf8'), err, code));
    });
    child.stdin.on('error', () => {}); // a runner that died before reading: reported on close
    child.stdin.end(
      JSON.stringify({
        notebook: request.notebook,
        cwd: request.cwd,
        kernel: request.kernel,
        timeout: request.timeout,
        allowErrors: request.allowErrors,
      }),
    );
  });
}
