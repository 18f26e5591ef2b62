// How diagnostics and the build summary read on a terminal.
import { cellLabel, type Diagnostic } from '../types.js';
import { formatStaticSize, type StaticSize } from '../site/asset-size.js';
import { groupDiagnostics } from '../diagnostic-list.js';

/** Builds named at most in one line; the rest are counted. */
const MAX_NAMED_BUILDS = 6;

/**
 * `kind` is what a build is read from: a git `branch`, or a `folder` with `--dir`. `builds` names
 * every build the problem is in, when several share it (see `groupDiagnostics`).
 */
function formatDiagnostic(
  d: Diagnostic,
  kind: 'branch' | 'folder' = 'branch',
  builds: readonly string[] = d.branch ? [d.branch] : [],
): string {
  const named =
    builds.slice(0, MAX_NAMED_BUILDS).join(', ') +
    (builds.length > MAX_NAMED_BUILDS ? `, … (${builds.length - MAX_NAMED_BUILDS} more)` : '');
  const place =
    builds.length > 1
      ? `${kind === 'branch' ? 'branches' : 'folders'} ${named}`
      : builds.length === 1
        ? `${kind} ${named}`
        : '';
  const where = [place, d.path, d.cell !== undefined ? cellLabel(d.cell) : ''].filter(Boolean).join(', ');
  const head = `${d.severity}${where ? ` (${where})` : ''}: ${d.message} [${d.rule}]`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** The lines to print for `diagnostics` (errors only when `quiet`), shared problems once. */
export function diagnosticLines(
  diagnostics: readonly Diagnostic[],
  kind: 'branch' | 'folder',
  quiet = false,
): string[] {
  return groupDiagnostics(quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics, {
    acrossBuilds: true,
  }).map((g) => formatDiagnostic(g.diagnostic, kind, g.builds));
}

export function summarize(result: {
  readonly outDir: string;
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly notebooks: { readonly rendered: number; readonly cached: number; readonly skipped: number };
  readonly cells?: { readonly rendered: number; readonly reused: number };
  readonly executed?: { readonly executed: number; readonly cached: number; readonly failed: number };
  readonly durationMs: number;
  readonly written?: number;
  readonly staticSize?: StaticSize;
}): string {
  // Counted as printed: a problem several builds share counts once.
  const grouped = groupDiagnostics(result.diagnostics, { acrossBuilds: true });
  const count = (s: Diagnostic['severity']) => grouped.filter((g) => g.diagnostic.severity === s).length;
  const { rendered, cached, skipped } = result.notebooks;
  const cells = result.cells;
  return [
    `built ${rendered + cached} notebook${rendered + cached === 1 ? '' : 's'} (${rendered} rendered, ${cached} from cache, ${skipped} skipped)`,
    ...(cells && cells.rendered + cells.reused > 0 ? [`cells ${cells.rendered} rendered, ${cells.reused} reused`] : []),
    ...(result.executed
      ? [
          `executed ${result.executed.executed} (${result.executed.cached} from cache, ${result.executed.failed} failed)`,
        ]
      : []),
    `${result.files} files in ${result.outDir}${result.written === 0 ? ' (unchanged, nothing written)' : ''}`,
    ...(result.staticSize ? [formatStaticSize(result.staticSize)] : []),
    `${count('error')} errors, ${count('warning')} warnings`,
    `${(result.durationMs / 1000).toFixed(2)} s`,
  ].join(' · ');
}
