// Renders cache misses: on this thread (one render context, made on first use) or, for large
// builds, in a pool of worker threads (src/workers/). Both run `renderUnit` + `storeUnit` on the
// same inputs, so the site is byte-identical whichever renders it.
import type { Config } from '../config.js';
import type { RenderStore } from '../io/render-cache.js';
import { createRenderContext } from '../render/context.js';
import type { DiagramLookup, ImageLookup, RenderContext } from '../render/types.js';
import type { Diagnostic } from '../types.js';
import { storeUnit } from './entry-store.js';
import { renderUnit, switchableLookups, type LinkSets, type NotebookEntry, type ParsedUnit, type SwitchableLookups } from './render-unit.js';

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
  close(): Promise<void>;
}

/** Renders one job with a prepared context: the one code path of both thread kinds. */
export function renderJob(job: Pick<RenderJob, 'key' | 'path' | 'parsed' | 'links' | 'diagrams' | 'images' | 'extraDiagnostics' | 'diagramIds' | 'conflict'>, ctx: RenderContext, lookups: SwitchableLookups, store: RenderStore): NotebookEntry {
  lookups.use(job.diagrams, job.images);
  const parsed = job.extraDiagnostics.length ? { ...job.parsed, diagnostics: [...job.parsed.diagnostics, ...job.extraDiagnostics] } : job.parsed;
  return storeUnit(store, job.key, renderUnit(job.path, parsed, job.links, ctx, lookups, job.diagramIds), job.conflict === true);
}

export function mainThreadRenderer(config: Config, store: RenderStore): BatchRenderer {
  const lookups = switchableLookups();
  let ctx: Promise<RenderContext> | undefined;
  return {
    async render(jobs, done) {
      ctx ??= createRenderContext(config.render, { diagrams: lookups.diagrams, images: lookups.images });
      const context = await ctx;
      jobs.forEach((job, i) => {
        done(i, renderJob(job, context, lookups, store));
      });
    },
    close: async () => {},
  };
}
