// How diagnostics and the build summary read on a terminal.
import { cellLabel, type Diagnostic } from '../types.js';
import { formatStaticSize, type StaticSize } from '../site/asset-size.js';

/** `kind` is what a build is read from: a git `branch`, or a `folder` with `--dir`. */
export function formatDiagnostic(d: Diagnostic, kind: 'branch' | 'folder' = 'branch'): string {
  const where = [d.branch && `${kind} ${d.branch}`, d.path, d.cell !== undefined ? cellLabel(d.cell) : ''].filter(Boolean).join(', ');
  const head = `${d.severity}${where ? ` (${where})` : ''}: ${d.message} [${d.rule}]`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

export function summarize(result: {
  readonly outDir: string;
  readonly files: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly notebooks: { readonly rendered: number; readonly cached: number; readonly skipped: number };
  readonly durationMs: number;
  readonly written?: number;
  readonly staticSize?: StaticSize;
}): string {
  const count = (s: Diagnostic['severity']) => result.diagnostics.filter((d) => d.severity === s).length;
  const { rendered, cached, skipped } = result.notebooks;
  return [
    `built ${rendered + cached} notebook${rendered + cached === 1 ? '' : 's'} (${rendered} rendered, ${cached} from cache, ${skipped} skipped)`,
    `${result.files} files in ${result.outDir}${result.written === 0 ? ' (unchanged, nothing written)' : ''}`,
    ...(result.staticSize ? [formatStaticSize(result.staticSize)] : []),
    `${count('error')} errors, ${count('warning')} warnings`,
    `${(result.durationMs / 1000).toFixed(2)} s`,
  ].join(' · ');
}
