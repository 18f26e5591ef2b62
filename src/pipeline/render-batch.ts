// Renders one batch of cache misses: read the bytes, parse, draw the batch's diagrams (each
// distinct one once, from the diagram cache when drawn before), measure its images, then hand
// the jobs to the renderer (this thread or the worker pool). Loaded only when a notebook misses.
import { closeBrowser } from '../io/browser.js';
import type { Progress } from '../io/progress.js';
import { collectDiagrams } from '../diagrams/collect.js';
import { measureImages } from '../diagrams/measure.js';
import { collectRasterImages, type RasterOutput } from '../diagrams/collect.js';
import type { DiagramLookup } from '../render/types.js';
import type { Diagnostic } from '../types.js';
import type { BatchRenderer, RenderJob } from './batch-renderer.js';
import { diagramRendererIds } from './entry-store.js';
import { BRANCH_TOKEN, type NotebookEntry } from './entry-types.js';
import type { Wanted } from './render-entries.js';
import { parseUnit, type ParsedUnit } from './render-unit.js';

export interface Miss extends Wanted {
  readonly key: string;
  /** The notebook's entry exists for other link answers (the same blob in another branch). */
  readonly conflict: boolean;
}

export interface BatchOptions {
  readonly renderer: BatchRenderer;
  readonly progress: Progress;
  readonly diagramCache?: string;
  readonly imageCache?: string;
  /** The build's config: `images.webp` asks for WebP copies. */
  readonly config?: { readonly images?: { readonly webp: boolean } };
}

const NO_DIAGRAMS: DiagramLookup = { get: () => undefined };

async function drawBatch(
  batch: readonly Miss[],
  parsed: readonly ParsedUnit[],
  opts: BatchOptions,
  siteDiagnostics: Diagnostic[],
) {
  const items = batch.flatMap((m, i) => {
    const notebook = parsed[i]?.notebook;
    return notebook && collectDiagrams(notebook).length > 0
      ? [{ branch: BRANCH_TOKEN, path: m.ref.path, notebook }]
      : [];
  });
  if (items.length === 0) return { lookup: NO_DIAGRAMS, diagnostics: [] as Diagnostic[], ids: undefined };
  const { drawDiagrams } = await import('../diagrams/stage.js');
  const drawn = await drawDiagrams(items, {
    ...(opts.diagramCache ? { cacheDir: opts.diagramCache } : {}),
    keepBrowser: true,
    log: (l) => opts.progress.log(l),
  });
  siteDiagnostics.push(...drawn.diagnostics.filter((d) => d.branch !== BRANCH_TOKEN));
  return {
    lookup: drawn.lookup,
    diagnostics: drawn.diagnostics.filter((d) => d.branch === BRANCH_TOKEN),
    ids: await diagramRendererIds(),
  };
}

/** A warning for each output image of a notebook that sharp could not read. */
function unreadableImages(
  path: string,
  rasters: readonly RasterOutput[],
  unreadable: ReadonlyMap<string, string>,
): Diagnostic[] {
  return rasters.flatMap((image) => {
    const message = unreadable.get(image.hash);
    if (message === undefined) return [];
    return [
      {
        rule: 'image-unreadable',
        severity: 'warning' as const,
        branch: BRANCH_TOKEN,
        path,
        cell: image.cell,
        message: `An ${image.mime} output cannot be read (${message}); the page shows it as it is, without a size, and most browsers show it broken or cut off.`,
        hint: 'Run the cell again to make the image anew, or clear the output if the image is not needed.',
      },
    ];
  });
}

/**
 * Reads, parses, draws and measures one batch: the jobs to render. Mostly waiting on git, the
 * browser and sharp's threads, so it runs while the previous batch renders (`renderPrepared`).
 */
export async function prepareBatch(
  batch: readonly Miss[],
  opts: BatchOptions,
  siteDiagnostics: Diagnostic[],
): Promise<RenderJob[]> {
  const bytes = await Promise.all(batch.map((m) => m.ref.read()));
  const parsed: ParsedUnit[] = batch.map((m, i) => parseUnit(m.ref.path, bytes[i] as Uint8Array));
  const drawn = await drawBatch(batch, parsed, opts, siteDiagnostics);
  const rasters = parsed.map((p) => (p.notebook ? collectRasterImages(p.notebook) : []));
  const unreadable = new Map<string, string>();
  const images = await measureImages(rasters.flat(), {
    ...(opts.imageCache ? { cacheDir: opts.imageCache } : {}),
    webp: opts.config?.images?.webp === true,
    log: (l) => opts.progress.log(l),
    onUnreadable: (image, message) => unreadable.set(image.hash, message),
  });
  return batch.map((m, i) => ({
    key: m.key,
    path: m.ref.path,
    bytes: bytes[i] as Uint8Array,
    parsed: parsed[i] as ParsedUnit,
    links: m.links,
    conflict: m.conflict,
    diagrams: drawn.lookup,
    images,
    extraDiagnostics: [
      ...drawn.diagnostics.filter((d) => d.path === m.ref.path),
      ...unreadableImages(m.ref.path, rasters[i] ?? [], unreadable),
    ],
    ...(drawn.ids !== undefined ? { diagramIds: drawn.ids } : {}),
  }));
}

/** Renders a prepared batch; entries in batch order. */
export async function renderPrepared(
  batch: readonly Miss[],
  jobs: readonly RenderJob[],
  opts: BatchOptions,
): Promise<NotebookEntry[]> {
  const out: NotebookEntry[] = [];
  await opts.renderer.render(jobs, (i, entry) => {
    out[i] = entry;
    opts.progress.tick(`branch ${batch[i]?.ref.branch ?? ''}`);
  });
  return out;
}

export { closeBrowser };
