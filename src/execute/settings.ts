// The `execute` settings: when notebooks are executed before rendering (`auto`: those saved with
// code and no outputs at all; `always`; `never`), with which Python, and the limits of a run. Given
// site-wide, per build under `builds:` (globs, later patterns win) and `--execute MODE`, which wins.
import { z } from 'zod';
import { matchesPattern } from '../source/patterns.js';

const EXECUTE_MODES = ['auto', 'always', 'never'] as const;
export type ExecuteMode = (typeof EXECUTE_MODES)[number];

const executeObject = z
  .object({
    mode: z.enum(EXECUTE_MODES).optional(),
    /** The Python that has nbclient and the kernels, e.g. `.venv/bin/python` or a conda env's. */
    python: z.string().min(1).optional(),
    /** Seconds one cell may run. */
    timeout: z.number().positive().optional(),
    /** Seconds a whole notebook may run, kernel start included. */
    notebookTimeout: z.number().positive().optional(),
    /** Run on after a cell raises (as nbclient's `allow_errors`). */
    allowErrors: z.boolean().optional(),
  })
  .strict();

/** `execute: auto` or `execute: { mode: auto, python: …, timeout: 120, … }`. */
export const executeSchema = z.union([z.enum(EXECUTE_MODES), executeObject]);
export type ExecuteInput = z.infer<typeof executeSchema>;

export interface ExecuteSettings {
  readonly mode: ExecuteMode;
  readonly python?: string;
  readonly timeout: number;
  readonly notebookTimeout: number;
  readonly allowErrors: boolean;
  /** The mode `--execute` gave: it wins over every build's own. */
  readonly cliMode?: ExecuteMode;
}

// Jupyter Book's and nbclient's cell timeouts are 30 s and none; 120 s lets a course's model fit
// finish on a CI runner, and a notebook may take ten of those.
const DEFAULT_CELL_TIMEOUT = 120;
const DEFAULT_NOTEBOOK_TIMEOUT = 1200;

/** `input` over `base` (or the defaults), with `cliMode` over both. */
export function resolveExecute(
  input: ExecuteInput | undefined,
  base: ExecuteSettings | undefined,
  cliMode?: ExecuteMode,
): ExecuteSettings {
  const given = typeof input === 'string' ? { mode: input } : (input ?? {});
  const python = given.python ?? base?.python;
  const fixed = cliMode ?? base?.cliMode;
  return {
    mode: fixed ?? given.mode ?? base?.mode ?? 'auto',
    ...(python ? { python } : {}),
    timeout: given.timeout ?? base?.timeout ?? DEFAULT_CELL_TIMEOUT,
    notebookTimeout: given.notebookTimeout ?? base?.notebookTimeout ?? DEFAULT_NOTEBOOK_TIMEOUT,
    allowErrors: given.allowErrors ?? base?.allowErrors ?? false,
    ...(fixed ? { cliMode: fixed } : {}),
  };
}

/** The settings of one build: the site's, then each `builds:` pattern that matches, in order. */
export function executeFor(
  site: ExecuteSettings,
  builds: Readonly<Record<string, { readonly execute?: ExecuteInput }>>,
  branch: string,
): ExecuteSettings {
  let settings = site;
  for (const [pattern, override] of Object.entries(builds)) {
    if (override.execute !== undefined && matchesPattern(branch, pattern))
      settings = resolveExecute(override.execute, settings);
  }
  return settings;
}

/** `--execute MODE`, checked. */
export function isExecuteMode(value: string): value is ExecuteMode {
  return (EXECUTE_MODES as readonly string[]).includes(value);
}
