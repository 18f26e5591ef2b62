// Renders cache misses, in render processes (src/workers/pool.ts): what a job holds, and the one
// code path that renders it, `renderUnit` + `storeUnit`, so the site is the same bytes whichever
// process renders a notebook.
import type { RenderStore } from '../io/render-cache.js';
import type { DiagramLookup, ImageLookup, RenderContext } from '../render/types.js';
import type { Diagnostic } from '../types.js';
import type { Config } from '../config.js';
import { createRenderContext } from '../render/context.js';
import { cellMemo } from './cell-store.js';
import { keyBase, storeUnit } from './entry-store.js';
import {
  renderUnit,
  type LinkSets,
  type NotebookEntry,
  type ParsedUnit,
  type SwitchableLookups,
} from './render-unit.js';

export interface RenderJob {
  readonly key: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Parsed on the main thread (to find diagrams and images); workers parse the bytes again. */
  readonly parsed: ParsedUnit;
  readonly links: LinkSets;
  /** Store the entry under its variant key too (see `storeUnit`). */
  readonly conflict?: boolean;
  readonly diagrams: DiagramLookup;
  readonly images: ImageLookup;
  /** Diagram diagnostics of this notebook (branch: BRANCH_TOKEN). */
  readonly extraDiagnostics: readonly Diagnostic[];
  /** `diagramRendererIds()`, when the batch has diagrams. */
  readonly diagramIds?: string;
}

export interface BatchRenderer {
  /** Renders and stores every job; `done(i, entry)` as each finishes (any order). */
  render(jobs: readonly RenderJob[], done: (index: number, entry: NotebookEntry) => void): Promise<void>;
  /** Gets ready for `count` jobs (starts processes, no more than they need) while they are prepared. */
  warm?(count: number): void;
  close(): Promise<void>;
}

/**
 * Renders one job with a prepared context (in a render process). The entry
 * returned (not the one stored) says how many cells were rendered and reused.
 */
export function renderJob(
  job: Pick<
    RenderJob,
    'key' | 'path' | 'parsed' | 'links' | 'diagrams' | 'images' | 'extraDiagnostics' | 'diagramIds' | 'conflict'
  >,
  ctx: RenderContext,
  lookups: SwitchableLookups,
  store: RenderStore,
): NotebookEntry {
  lookups.use(job.diagrams, job.images);
  const parsed = job.extraDiagnostics.length
    ? { ...job.parsed, diagnostics: [...job.parsed.diagnostics, ...job.extraDiagnostics] }
    : job.parsed;
  const before = ctx.cells ? { ...ctx.cells.stats } : undefined;
  const entry = storeUnit(
    store,
    job.key,
    renderUnit(job.path, parsed, job.links, ctx, lookups, job.diagramIds),
    job.conflict === true,
  );
  const after = ctx.cells?.stats;
  return before && after
    ? { ...entry, cells: { rendered: after.rendered - before.rendered, reused: after.reused - before.reused } }
    : entry;
}

/** A render context whose cells are kept in `store` and reused (`base`: `cellKeyBase`; none: every cell rendered). */
export async function contextWithCells(
  render: Partial<Config['render']>,
  store: RenderStore,
  lookups: SwitchableLookups,
  base: string | undefined,
): Promise<RenderContext> {
  const ctx = await createRenderContext(render, { diagrams: lookups.diagrams, images: lookups.images });
  return base === undefined ? ctx : { ...ctx, cells: cellMemo(store, base, lookups.asks) };
}

/** The base of cell keys for a build with `config`. */
export function cellKeyBase(config: Pick<Config, 'render' | 'images'>): string {
  return keyBase(config.render, config.images?.webp === true);
}
