// The one fatal error type of binderpress. Per-item problems are `Diagnostic` values (src/types.ts);
// this is for the few things that stop a build: not a git repository, an unknown branch pattern,
// an unwritable output folder. Only the CLI turns it into an exit code.

/**
 * The exit codes of the CLI, one table for every command (the README lists it too).
 * `problems`: the build has problems under --strict, or lost output to a collision;
 * `fatal`: nothing could be built or done (bad input, config or usage);
 * `refused`: publish refused to protect what is published (builds it would remove, a publish
 * that landed meanwhile); `push`: the site was committed but the push failed.
 */
export const EXIT = { ok: 0, problems: 1, fatal: 2, refused: 3, push: 4 } as const;

export interface BinderpressErrorOptions {
  /** What the user can do about it, e.g. `pass --repo DIR`. */
  readonly hint?: string;
  /** The underlying error (a child process failure, an fs error). */
  readonly cause?: unknown;
  /** Process exit code for the CLI (see `EXIT`); `EXIT.fatal` unless given. */
  readonly code?: number;
}

export class BinderpressError extends Error {
  readonly hint: string | undefined;
  readonly code: number;

  /** `message` is one line naming the thing that is wrong. */
  constructor(message: string, opts: BinderpressErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BinderpressError';
    this.hint = opts.hint;
    this.code = opts.code ?? EXIT.fatal;
  }
}
