// The entry of a notebook its render process could not render: no page (the earlier-versions
// fallback may then build its last commit that renders), one error saying which limit stopped it
// and in which cell. Never stored in the render cache: the next build tries again.
import type { Guarded } from './guard.js';
import type { RenderJob } from '../pipeline/batch-renderer.js';
import type { NotebookEntry } from '../pipeline/entry-types.js';
import { BRANCH_TOKEN } from '../pipeline/entry-types.js';
import type { Diagnostic } from '../types.js';
import { sha256 } from '../util/hash.js';
import type { RenderLimits } from './limits.js';
import type { CellProgress } from './messages.js';

const HINTS = {
  'render-timeout':
    'Shorten or clear what is slow to render in that cell (very long outputs, math or code), or raise the limit with BINDERPRESS_RENDER_TIMEOUT (seconds).',
  memory: 'Shorten or clear the largest outputs of that cell, or raise the limit with BINDERPRESS_RENDER_MEMORY_MB.',
  crash: 'This is a bug in binderpress or a library it uses; please report it with the notebook.',
} as const;

/** The `render-timeout` or `render-failed` error for a notebook stopped with `result`, at `cell`. */
export function renderFailure(
  path: string,
  result: Extract<Guarded<unknown>, { ok: false }>,
  cell: CellProgress,
  limits: RenderLimits,
): Diagnostic {
  const timeout = result.rule === 'diagram-timeout';
  // the guard's words for the limits name this notebook's, as set
  const why = timeout
    ? `it took longer than the ${limits.timeoutMs / 1000} s time limit`
    : result.rule === 'diagram-too-large'
      ? `it needed more than the ${limits.memoryMb} MB memory limit`
      : result.error;
  return {
    rule: timeout ? 'render-timeout' : 'render-failed',
    severity: 'error',
    branch: BRANCH_TOKEN,
    path,
    ...(cell === null ? {} : { cell }),
    message: `rendering the notebook ${result.rule === 'diagram-crashed' ? 'failed' : 'was stopped'}: ${why}`,
    hint: HINTS[timeout ? 'render-timeout' : result.rule === 'diagram-too-large' ? 'memory' : 'crash'],
  };
}

/** The entry of a notebook that could not be rendered: its parse diagnostics and the failure. */
export function failedEntry(
  job: RenderJob,
  result: Extract<Guarded<unknown>, { ok: false }>,
  cell: CellProgress,
  limits: RenderLimits,
): NotebookEntry {
  const diagnostics = [
    ...job.parsed.diagnostics,
    ...job.extraDiagnostics,
    renderFailure(job.path, result, cell, limits),
  ];
  return { v: 1, headings: [], assets: [], diagnostics, imports: [], search: '', links: [], htmlHash: sha256('') };
}
