// The render cache's entry for one notebook and the cheap checks made on a cache hit. Kept apart
// from the renderer so a build where every notebook is cached never loads it.
import type { Asset, Diagnostic, Heading, NotebookMeta } from '../types.js';

/** What urlFor answered for a link target: a notebook, another file, or nothing. */
export type LinkAnswer = 'n' | 'f' | '-';

/** The cached result of one notebook, without its HTML (stored apart, read only when needed). */
export interface NotebookEntry {
  readonly v: 1;
  /** Undefined when the notebook could not be read at all (then only diagnostics). */
  readonly meta?: NotebookMeta;
  readonly headings: readonly Heading[];
  readonly firstImage?: string;
  /** Site paths of the scripts its live charts need. */
  readonly scripts?: readonly string[];
  readonly assets: readonly { readonly name: string; readonly mime: string }[];
  /** Diagnostics with `branch` left empty: the same blob may be shared by several branches. */
  readonly diagnostics: readonly Diagnostic[];
  /** Modules the code cells import (for the environment check). */
  readonly imports: readonly string[];
  /** The search index text (`x`) of the page. */
  readonly search: string;
  /** Link targets the renderer asked about and the answers: the entry is valid while they hold. */
  readonly links: readonly (readonly [string, LinkAnswer])[];
  /** sha256 of the HTML record, checked when it is read back. */
  readonly htmlHash: string;
  /** sha256 of the HTML record feeds carry, when it differs from the page's (long outputs cut). */
  readonly feedHtmlHash?: string;
  /** Set when the notebook has diagrams: the diagram renderers' ids; a hit needs the same. */
  readonly diagrams?: string;
  /** Cells rendered and reused by the render that made this entry (never stored). */
  readonly cells?: { readonly rendered: number; readonly reused: number };
}

export interface LinkSets {
  readonly notebooks: ReadonlySet<string>;
  readonly files: ReadonlySet<string>;
}

export interface UnitResult {
  readonly entry: NotebookEntry;
  readonly html: string;
  /** The HTML feeds carry, when it differs from `html`. */
  readonly feedHtml?: string;
  readonly assets: readonly Asset[];
  /** False when a diagram could not be drawn this time (no browser): do not cache. */
  readonly cacheable: boolean;
}

export function answerFor(links: LinkSets, target: string): LinkAnswer {
  return links.notebooks.has(target) ? 'n' : links.files.has(target) ? 'f' : '-';
}

/** True for the entry of a notebook its render process stopped (src/workers/render-failure.ts). */
export function renderStopped(entry: NotebookEntry): boolean {
  return entry.diagnostics.some((d) => d.rule === 'render-timeout' || d.rule === 'render-failed');
}

/** True while every link the entry depends on resolves as it did when it was rendered. */
export function linksStillHold(entry: NotebookEntry, links: LinkSets): boolean {
  return entry.links.every(([target, answer]) => answerFor(links, target) === answer);
}

/**
 * Stands for the branch while rendering: an entry is shared by every branch holding the same blob
 * at the same path, and `diagnosticsFor` puts the real name into its diagnostics.
 */
export const BRANCH_TOKEN = '\u0001branch\u0001';

/** The entry's diagnostics as they read for `branch`. */
export function diagnosticsFor(entry: NotebookEntry, branch: string): Diagnostic[] {
  // The token may be quoted (`JSON.stringify`) or bare. Replaced by functions: a replacement
  // string would read `$&`, `$'`… in a branch name as patterns.
  const quoted = JSON.stringify(BRANCH_TOKEN);
  const put = (text: string) =>
    text.replaceAll(quoted, () => JSON.stringify(branch)).replaceAll(BRANCH_TOKEN, () => branch);
  return entry.diagnostics.map((d) => ({
    ...d,
    branch,
    message: put(d.message),
    ...(d.hint !== undefined ? { hint: put(d.hint) } : {}),
  }));
}
