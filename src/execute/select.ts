// Which notebooks are executed, and the key their outputs are cached under. Pure: bytes in,
// a small description out. Only nbformat 4 notebooks are executed (a v3 notebook is rendered as
// saved): nbclient runs v4, and stripped notebooks today are v4.
import { sha256 } from '../util/hash.js';
import type { ExecuteMode, ExecuteSettings } from './settings.js';

/** What execution needs to know of a saved notebook (kept per blob in the cache). */
export interface ExecProbe {
  /** Code cells with some source. */
  readonly code: number;
  /** True when any code cell holds an output. */
  readonly outputs: boolean;
  /** The kernel the notebook names (`metadata.kernelspec.name`), `python3` when it names none. */
  readonly kernel: string;
  /** Hash of what execution reads: code sources, their tags, the kernel and language. */
  readonly sourceKey: string;
}

/** Bump when what a run produces changes (the runner script, the record layout). */
export const EXECUTE_CACHE_VERSION = 'bp-execute-1';

type Json = Record<string, unknown>;

const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');

/** The code cells of a v4 notebook's JSON, or undefined when it is not one. */
export function codeCellsOf(nb: unknown): Json[] | undefined {
  if (!nb || typeof nb !== 'object' || (nb as Json).nbformat !== 4 || !Array.isArray((nb as Json).cells))
    return undefined;
  return ((nb as Json).cells as unknown[]).filter(
    (c): c is Json => !!c && typeof c === 'object' && (c as Json).cell_type === 'code',
  );
}

/** The probe of a notebook's bytes; undefined when it cannot be executed (not JSON, not v4). */
export function probeNotebook(bytes: Uint8Array): ExecProbe | undefined {
  let nb: Json;
  try {
    nb = JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
  } catch {
    return undefined;
  }
  const cells = codeCellsOf(nb);
  if (!cells) return undefined;
  const meta = (nb.metadata ?? {}) as Json;
  const spec = (meta.kernelspec ?? {}) as Json;
  const kernel = typeof spec.name === 'string' && /^[\w.+-]{1,100}$/.test(spec.name) ? spec.name : 'python3';
  const language = typeof spec.language === 'string' ? spec.language : '';
  const sources = cells.map((c) => {
    const tags = ((c.metadata as Json | undefined)?.tags ?? []) as unknown;
    return [text(c.source), Array.isArray(tags) ? tags.filter((t) => typeof t === 'string').sort() : []];
  });
  return {
    code: sources.filter(([s]) => (s as string).trim() !== '').length,
    outputs: cells.some((c) => Array.isArray(c.outputs) && c.outputs.length > 0),
    kernel,
    sourceKey: sha256(JSON.stringify([kernel, language, sources])),
  };
}

/** True when `mode` executes this notebook: `auto` runs one with code and no outputs at all. */
export function wantsExecution(mode: ExecuteMode, probe: ExecProbe | undefined): boolean {
  if (!probe || probe.code === 0 || mode === 'never') return false;
  return mode === 'always' || !probe.outputs;
}

/** A hash of a build's environment files (repo2docker's: `requirements.txt`, `binder/…`). */
export function environmentHash(envFiles: readonly { readonly path: string; readonly blob: string }[]): string {
  return sha256(JSON.stringify(envFiles.map((f) => [f.path, f.blob]).sort()));
}

/**
 * The key of one run's outputs: the notebook's sources, its kernel, the environment and the limits.
 * Not the branch nor the Python's path: two branches holding the same notebook and environment
 * share the run. Data files are not in the key (see the README).
 */
export function executionKey(probe: ExecProbe, envHash: string, settings: ExecuteSettings): string {
  return sha256(
    JSON.stringify([
      EXECUTE_CACHE_VERSION,
      probe.sourceKey,
      probe.kernel,
      envHash,
      settings.timeout,
      settings.allowErrors,
    ]),
  );
}
