// Build progress for people and for CI logs. On a terminal: one line rewritten in place
// (`rendering 120/1000 · branch course/intro`), at most ten times a second. In CI (the `CI`
// variable, or output that is not a terminal): one line when each phase starts. `--quiet`: nothing.
// Log lines (diagnostics of a stage, the diagram summary) clear the bar, print, and redraw it.

export type ProgressMode = 'tty' | 'lines' | 'quiet';

export interface Progress {
  /** Starts a phase: `rendering`, with the number of items when known. */
  phase(name: string, total?: number): void;
  /** Counts `n` items of the current phase as done; `detail` names what is being worked on. */
  tick(detail?: string, n?: number): void;
  /** A line of its own (printed in every mode but quiet). */
  log(line: string): void;
  /** Clears the bar (call before printing the summary). */
  done(): void;
}

export interface ProgressOptions {
  readonly mode: ProgressMode;
  readonly write: (text: string) => void;
  /** Milliseconds clock, for throttling the terminal line (tests pass their own). */
  readonly now?: () => number;
  /** Terminal width: the line is cut to fit. */
  readonly columns?: number;
}

/** Picks the mode: quiet wins; a terminal outside CI gets the bar; anything else plain lines. */
export function progressMode(
  quiet: boolean,
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
): ProgressMode {
  if (quiet) return 'quiet';
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return stream.isTTY && !ci && env.TERM !== 'dumb' ? 'tty' : 'lines';
}

const QUIET: Progress = { phase: () => {}, tick: () => {}, log: () => {}, done: () => {} };

export function createProgress(options: ProgressOptions): Progress {
  if (options.mode === 'quiet') return QUIET;
  if (options.mode === 'lines') {
    return {
      phase: (name, total) => options.write(`${name}${total !== undefined ? ` (${total})` : ''}\n`),
      tick: () => {},
      log: (line) => options.write(`${line}\n`),
      done: () => {},
    };
  }
  return terminalProgress(options);
}

function terminalProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const width = Math.max(20, (options.columns ?? 80) - 1);
  let name = '';
  let total: number | undefined;
  let count = 0;
  let detail = '';
  let shown = false;
  let last = -Infinity;
  const line = () => {
    const counts = total !== undefined ? ` ${Math.min(count, total)}/${total}` : count > 0 ? ` ${count}` : '';
    const text = `${name}${counts}${detail ? ` · ${detail}` : ''}`;
    return text.length > width ? `${text.slice(0, width - 1)}…` : text;
  };
  const draw = (force: boolean) => {
    const t = now();
    if (!force && t - last < 100) return;
    last = t;
    options.write(`\r\x1b[2K${line()}`);
    shown = true;
  };
  const clear = () => {
    if (shown) options.write('\r\x1b[2K');
    shown = false;
  };
  return {
    phase(next, n) {
      name = next;
      total = n;
      count = 0;
      detail = '';
      draw(true);
    },
    tick(d, n = 1) {
      count += n;
      if (d !== undefined) detail = d;
      draw(total !== undefined && count >= total);
    },
    log(text) {
      clear();
      options.write(`${text}\n`);
      if (name) draw(true);
    },
    done() {
      clear();
      name = '';
    },
  };
}
