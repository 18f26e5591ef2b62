// Draws one diagram from source to a cache entry. Graphviz and Vega lay out in the diagram process
// (src/diagrams/draw-worker.ts) under the guard's time and memory limits; mermaid and Plotly draw
// in pages of the build's browser (their own time limit), Bokeh too, and their SVG is finished in the same
// process. Sources
// over a size or nesting limit are refused before any renderer sees them.
import { BROWSER_HINT, closeBrowser, mermaidVersion, startBrowser } from '../io/browser.js';
import { imagesVersion } from '../io/images.js';
import { plotlyVersion } from '../io/live-bundles.js';
import { MAX_JSON_DEPTH, jsonTextDeeperThan } from '../util/json-depth.js';
import { TOO_DEEP_SOURCE } from '../render/diagram-html.js';
import type { DiagramEntry } from './entry.js';
import { drawWorkerFile } from './draw-job.js';
import type { DrawJob } from './draw-job.js';
import type { Finished } from './finish.js';
import { graphvizVersion } from './graphviz.js';
import { createGuard } from '../workers/guard.js';
import type { Guard } from '../workers/guard.js';
import type { DiagramKind } from './kind.js';
import { DIAGRAM_MEMORY_MB, DIAGRAM_TIMEOUT_MS, MAX_DIAGRAM_SOURCE } from './limits.js';
import { bokehRendererVersion, createBokehRenderer } from './bokeh.js';
import { createMermaidRenderer } from './mermaid.js';
import type { PageRenderer } from './page-renderer.js';
import { createPlotlyRenderer } from './plotly.js';
import { errorMessage } from './outcome.js';
import { vegaVersion } from './versions.js';
import { drawWidgetPicture, widgetPictureVersion } from './widget-picture.js';

/** Bump when the drawing pipeline (SVG tidying, PNG scale) changes: old cache entries go stale. */
const PIPELINE_VERSION = 'bp-diagrams-1';

export type Drawn = Finished | { readonly noBrowser: string };

export interface DrawerOptions {
  /** Leave the browser running after the stage (watch mode); call `closeBrowser()` at the end. */
  readonly keepBrowser?: boolean;
  /** Time limit per diagram (default `DIAGRAM_TIMEOUT_MS`). */
  readonly timeoutMs?: number;
  /** Heap limit of the diagram process (default `DIAGRAM_MEMORY_MB`). */
  readonly memoryMb?: number;
}

export interface Drawer {
  /** The renderer and version behind a kind, for cache keys. */
  rendererId(kind: DiagramKind): Promise<string>;
  draw(kind: DiagramKind, source: string): Promise<Drawn>;
  /** Milliseconds spent starting the browser (0 when it was not needed). */
  readonly browserStartMs: number;
  /** Milliseconds spent starting diagram processes for this drawer (0 when one was running). */
  readonly workerStartMs: number;
  close(): Promise<void>;
}

/** The kinds drawn in the build's browser, as the no-browser warning names them (Graphviz and Vega need none). */
export const BROWSER_KINDS: Readonly<Partial<Record<DiagramKind, string>>> = {
  mermaid: 'mermaid diagrams',
  plotly: 'Plotly charts',
  bokeh: 'Bokeh plots',
  ipywidget: 'pictures of widgets',
};

export function noBrowserMessage(reason: string): string {
  const names = Object.values(BROWSER_KINDS);
  const list = `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${list} are not drawn: no browser to draw them (${reason}); ${BROWSER_HINT}`;
}

/**
 * One diagram process per heap limit, reused by every batch of every build: it takes ≈1 s to
 * load vega, Graphviz, jsdom and sharp. Idle, it does not keep the build alive.
 */
const guards = new Map<number, Guard<DrawJob, Finished>>();

function drawGuard(memoryMb: number): Guard<DrawJob, Finished> {
  if (!guards.has(memoryMb)) guards.set(memoryMb, createGuard<DrawJob, Finished>(drawWorkerFile(), { memoryMb }));
  return guards.get(memoryMb)!;
}

const refused = (error: string): Finished => ({
  entry: { ok: false, error, rule: 'diagram-too-large' },
  transient: false,
});

/** A limit the source breaks before drawing: too long, or a spec nested too deep. */
export function sourceLimit(kind: DiagramKind, source: string): Finished | undefined {
  if (source.length > MAX_DIAGRAM_SOURCE)
    return refused(
      `its source is ${(source.length / 1e6).toFixed(1)} MB, more than the ${MAX_DIAGRAM_SOURCE / 1e6} MB limit`,
    );
  if (source === TOO_DEEP_SOURCE || (kind !== 'mermaid' && kind !== 'graphviz' && jsonTextDeeperThan(source))) {
    return refused(`its spec nests deeper than ${MAX_JSON_DEPTH} levels, the limit`);
  }
  return undefined;
}

async function guarded(guard: Guard<DrawJob, Finished>, job: DrawJob, timeoutMs: number): Promise<Finished> {
  const result = await guard.run(job, timeoutMs);
  // A limit hit is cached like any failure, timeouts included: each diagram is drawn by itself in
  // a clean process (a fresh one after any failure), so the same source hits the same limit again.
  return result.ok
    ? result.value
    : { entry: { ok: false, error: result.error, rule: result.rule } satisfies DiagramEntry, transient: false };
}

type BrowserKind = 'mermaid' | 'plotly' | 'bokeh';
type Started = { renderer: PageRenderer | string; ms: number };

/** Starts the browser and a page for `kind`; the reason as a string when there is no browser. */
async function startPageRenderer(kind: BrowserKind, timeoutMs: number): Promise<Started> {
  const started = performance.now();
  const status = await startBrowser();
  if (!status.ok) return { renderer: status.error, ms: performance.now() - started };
  try {
    const renderer =
      kind === 'mermaid'
        ? await createMermaidRenderer(timeoutMs)
        : kind === 'plotly'
          ? await createPlotlyRenderer(timeoutMs)
          : await createBokehRenderer(timeoutMs);
    return { renderer, ms: performance.now() - started };
  } catch (error) {
    return { renderer: errorMessage(error).split('\n')[0] ?? 'browser failed', ms: performance.now() - started };
  }
}

/** A widget's picture: drawn in the build's browser, finished (sanitized, PNG twin) in the diagram process. */
async function drawWidget(guard: Guard<DrawJob, Finished>, source: string, timeoutMs: number): Promise<Drawn> {
  const status = await startBrowser();
  if (!status.ok) return { noBrowser: status.error };
  const outcome = await drawWidgetPicture(source, timeoutMs);
  if (!outcome.ok)
    return {
      entry: { ok: false, error: outcome.error, ...(outcome.rule ? { rule: outcome.rule } : {}) },
      transient: outcome.transient === true,
    };
  return guarded(guard, { type: 'finish', kind: 'ipywidget', svg: outcome.svg }, timeoutMs);
}

async function rendererVersion(kind: DiagramKind): Promise<string> {
  const renderer =
    kind === 'graphviz'
      ? await graphvizVersion()
      : kind === 'mermaid'
        ? `mermaid ${mermaidVersion()}`
        : kind === 'plotly'
          ? `plotly.js ${plotlyVersion()}`
          : kind === 'ipywidget'
            ? widgetPictureVersion()
            : kind === 'bokeh'
              ? bokehRendererVersion()
              : vegaVersion(kind);
  return `${PIPELINE_VERSION}; ${renderer}; ${imagesVersion()}`;
}

export function createDrawer(options: DrawerOptions = {}): Drawer {
  const timeoutMs = options.timeoutMs ?? DIAGRAM_TIMEOUT_MS;
  const guard = drawGuard(options.memoryMb ?? DIAGRAM_MEMORY_MB);
  const workerMsBefore = guard.startMs;
  const pages = new Map<BrowserKind, Promise<Started>>();
  let browserStartMs = 0;
  const ids = new Map<DiagramKind, Promise<string>>();
  return {
    get browserStartMs() {
      return browserStartMs;
    },
    get workerStartMs() {
      return guard.startMs - workerMsBefore;
    },
    rendererId(kind) {
      if (!ids.has(kind)) ids.set(kind, rendererVersion(kind));
      return ids.get(kind)!;
    },
    async draw(kind, source) {
      const limit = sourceLimit(kind, source);
      if (limit) return limit;
      if (kind === 'ipywidget') return drawWidget(guard, source, timeoutMs);
      if (kind !== 'mermaid' && kind !== 'plotly' && kind !== 'bokeh')
        return guarded(guard, { type: 'draw', kind, source }, timeoutMs);
      if (!pages.has(kind))
        pages.set(
          kind,
          startPageRenderer(kind, timeoutMs).then((started) => ((browserStartMs += started.ms), started)),
        );
      const { renderer } = await pages.get(kind)!;
      if (typeof renderer === 'string') return { noBrowser: renderer };
      const outcome = await renderer.render(source);
      if (!outcome.ok)
        return {
          entry: { ok: false, error: outcome.error, ...(outcome.rule ? { rule: outcome.rule } : {}) },
          transient: outcome.transient === true,
        };
      return guarded(guard, { type: 'finish', kind, svg: outcome.svg }, timeoutMs);
    },
    async close() {
      const started = await Promise.all(pages.values());
      pages.clear();
      for (const { renderer } of started) if (typeof renderer !== 'string') await renderer.close();
      if (!options.keepBrowser) await closeBrowser();
    },
  };
}
