// What one run left (a record: outputs per code cell, kept in the cache) and how it reaches a page:
// the outputs grafted onto the notebook as saved (so an edited markdown cell shows its new text
// with outputs computed before), a provenance note in the metadata, and a diagnostic for a run
// that did not finish. Pure.
import type { RuleId } from '../rules.js';
import type { Diagnostic } from '../types.js';
import { codeCellsOf } from './select.js';

export type RunStatus = 'ok' | 'error' | 'timeout' | 'dead' | 'no-kernel' | 'failed';

export interface RunRecord {
  readonly v: 1;
  readonly status: RunStatus;
  /** The code cell (counted among code cells, from 0) that stopped the run. */
  readonly codeCell?: number;
  readonly message: string;
  /** The kernel's name and the name it shows (`Python 3 (ipykernel)`). */
  readonly kernel: string;
  readonly kernelDisplay: string;
  readonly languageInfo?: unknown;
  /** Per code cell, in order: what the run left in it. */
  readonly cells: readonly { readonly outputs: readonly unknown[]; readonly executionCount: number | null }[];
}

/** Where a page's executed outputs come from, as the note under it says. */
export interface Provenance {
  /** The date of the commit the notebook was executed from (ISO 8601), never the clock. */
  readonly date: string;
}

/** The metadata key the provenance note is read from (see `executionNote`). */
export const PROVENANCE_KEY = 'binderpress_execution';

type Json = Record<string, unknown>;

/** A record from the runner's answer: its notebook's code cells' outputs, by order. */
export function recordFromRun(
  answer: { status: RunStatus; notebook: unknown; cell: number | null; message: string },
  kernel: string,
): RunRecord {
  const nb = answer.notebook as Json | null;
  const all = nb && Array.isArray(nb.cells) ? (nb.cells as Json[]) : [];
  const code = codeCellsOf(nb) ?? [];
  const failing = answer.cell === null ? undefined : all[answer.cell];
  const codeCell = failing ? code.indexOf(failing) : -1;
  const meta = (nb?.metadata ?? {}) as Json;
  const display = (meta.kernelspec as Json | undefined)?.display_name;
  return {
    v: 1,
    status: answer.status,
    ...(codeCell >= 0 ? { codeCell } : {}),
    message: answer.message,
    kernel,
    kernelDisplay: typeof display === 'string' && display ? display : kernel,
    ...(meta.language_info ? { languageInfo: meta.language_info } : {}),
    cells: code.map((c) => ({
      outputs: Array.isArray(c.outputs) ? c.outputs : [],
      executionCount: typeof c.execution_count === 'number' ? c.execution_count : null,
    })),
  };
}

/**
 * The saved notebook with the run's outputs in its code cells, and the provenance note in its
 * metadata; the index (in all cells) of the cell that stopped the run. Undefined when the saved
 * notebook's code cells are not the ones the record was made from.
 */
export function graftOutputs(
  saved: Uint8Array,
  record: RunRecord,
  provenance: Provenance,
): { bytes: Uint8Array; cell?: number } | undefined {
  const nb = JSON.parse(Buffer.from(saved).toString('utf8')) as Json;
  const code = codeCellsOf(nb);
  if (!code || code.length !== record.cells.length) return undefined;
  code.forEach((cell, i) => {
    const run = record.cells[i];
    cell.outputs = run?.outputs ?? [];
    cell.execution_count = run?.executionCount ?? null;
  });
  const metadata = (nb.metadata && typeof nb.metadata === 'object' ? nb.metadata : {}) as Json;
  nb.metadata = {
    ...metadata,
    ...(record.languageInfo ? { language_info: record.languageInfo } : {}),
    [PROVENANCE_KEY]: { kernel: record.kernelDisplay, date: provenance.date, status: record.status },
  };
  const failing = record.codeCell === undefined ? undefined : code[record.codeCell];
  const cell = failing ? (nb.cells as unknown[]).indexOf(failing) : -1;
  return { bytes: new TextEncoder().encode(`${JSON.stringify(nb, null, 1)}\n`), ...(cell >= 0 ? { cell } : {}) };
}

const RULES: Record<Exclude<RunStatus, 'ok'>, RuleId> = {
  error: 'execute-cell-error',
  timeout: 'execute-timeout',
  dead: 'execute-kernel-died',
  'no-kernel': 'execute-no-kernel',
  failed: 'execute-failed',
};

/** The diagnostic of a run that did not finish, naming the cell that stopped it; none for `ok`. */
export function runDiagnostic(
  record: RunRecord,
  branch: string,
  path: string,
  cell: number | undefined,
  timeout: number,
): Diagnostic | undefined {
  if (record.status === 'ok') return undefined;
  const where = {
    rule: RULES[record.status],
    severity: 'warning' as const,
    branch,
    path,
    ...(cell !== undefined ? { cell } : {}),
  };
  switch (record.status) {
    case 'error':
      return {
        ...where,
        message: `executing the notebook stopped at a cell that raised ${record.message}; the page shows the outputs up to it and its traceback`,
        hint: 'fix the cell, tag it `raises-exception` if the error is meant, or set `execute: { allowErrors: true }` to run on after errors',
      };
    case 'timeout':
      return {
        ...where,
        message: `a cell ran longer than ${timeout} s and was stopped; the page shows the outputs up to it`,
        hint: 'make the cell faster, tag it `skip-execution`, or raise `execute: { timeout: SECONDS }`',
      };
    case 'dead':
      return {
        ...where,
        message: `the ${record.kernel} kernel died while running the notebook (${record.message}); the page shows the outputs up to it`,
        hint: 'the cell may exit the process or run out of memory; run the notebook locally to see why',
      };
    case 'no-kernel':
      return {
        ...where,
        message: `${record.message}, so the notebook is rendered as saved`,
        hint: `install the kernel for that Python (for Python: pip install ipykernel), or point \`execute.python\` at a Python that has it`,
      };
    default:
      return {
        ...where,
        message: `the notebook could not be executed: ${record.message}`,
        hint: 'run it with `jupyter nbconvert --execute` to see why, or set `execute: never` for this build',
      };
  }
}
