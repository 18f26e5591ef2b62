// Draws one diagram from source to a cache entry: the kind's renderer → SVG checks and
// sanitizing → PNG twin. Mermaid's browser is started on the first mermaid diagram only.
import { BROWSER_HINT, closeBrowser, mermaidVersion, startBrowser } from '../io/browser.js';
import { imagesVersion, svgToPng } from '../io/images.js';
import type { DiagramEntry } from './entry.js';
import { graphvizVersion, renderGraphviz } from './graphviz.js';

// vega and vega-lite take half a second to import: loaded only when a chart needs them.
const loadVega = () => import('./vega.js');
import type { DiagramKind } from './kind.js';
import { createMermaidRenderer } from './mermaid.js';
import type { MermaidRenderer } from './mermaid.js';
import { errorMessage } from './outcome.js';
import type { RenderOutcome } from './outcome.js';
import { prepareSvg } from './svg.js';

/** Bump when the drawing pipeline (SVG tidying, PNG scale) changes: old cache entries go stale. */
export const PIPELINE_VERSION = 'bp-diagrams-1';
/** PNGs are drawn at twice the CSS size, within these limits. */
export const PNG_SCALE = 2;
const MAX_PNG = { width: 4096, height: 8192 };

export type Drawn = { readonly entry: DiagramEntry; readonly transient: boolean } | { readonly noBrowser: string };

export interface Drawer {
  /** The renderer and version behind a kind, for cache keys. */
  rendererId(kind: DiagramKind): Promise<string>;
  draw(kind: DiagramKind, source: string): Promise<Drawn>;
  /** Milliseconds spent starting the browser (0 when it was not needed). */
  readonly browserStartMs: number;
  close(): Promise<void>;
}

export function noBrowserMessage(reason: string): string {
  return `mermaid diagrams are shown as source: no browser to draw them (${reason}); ${BROWSER_HINT}`;
}

async function finish(kind: DiagramKind, outcome: RenderOutcome): Promise<{ entry: DiagramEntry; transient: boolean }> {
  if (!outcome.ok) return { entry: { ok: false, error: outcome.error }, transient: outcome.transient === true };
  const prepared = prepareSvg(outcome.svg, { preserveSpace: kind === 'mermaid' });
  if (!prepared.ok) return { entry: prepared, transient: false };
  const scale = Math.min(PNG_SCALE, MAX_PNG.width / prepared.width, MAX_PNG.height / prepared.height);
  try {
    const { png } = await svgToPng(prepared.svg, scale);
    return { entry: { ok: true, svg: prepared.svg, png, width: prepared.width, height: prepared.height }, transient: false };
  } catch (error) {
    return { entry: { ok: false, error: `the SVG could not be rasterized: ${errorMessage(error)}` }, transient: false };
  }
}

/** Starts the browser and a mermaid page; the reason as a string when there is no browser. */
async function startMermaid(): Promise<{ renderer: MermaidRenderer | string; ms: number }> {
  const started = performance.now();
  const status = await startBrowser();
  if (!status.ok) return { renderer: status.error, ms: performance.now() - started };
  try {
    return { renderer: await createMermaidRenderer(), ms: performance.now() - started };
  } catch (error) {
    return { renderer: errorMessage(error).split('\n')[0] ?? 'browser failed', ms: performance.now() - started };
  }
}

async function rendererVersion(kind: DiagramKind): Promise<string> {
  const renderer = kind === 'graphviz' ? await graphvizVersion() : kind === 'mermaid' ? `mermaid ${mermaidVersion()}` : (await loadVega()).vegaVersion(kind);
  return `${PIPELINE_VERSION}; ${renderer}; ${imagesVersion()}`;
}

export function createDrawer(options: { keepBrowser?: boolean } = {}): Drawer {
  let mermaid: Promise<{ renderer: MermaidRenderer | string; ms: number }> | undefined;
  let browserStartMs = 0;
  const ids = new Map<DiagramKind, Promise<string>>();
  return {
    get browserStartMs() {
      return browserStartMs;
    },
    rendererId(kind) {
      if (!ids.has(kind)) ids.set(kind, rendererVersion(kind));
      return ids.get(kind)!;
    },
    async draw(kind, source) {
      if (kind === 'graphviz') return finish(kind, await renderGraphviz(source));
      if (kind === 'vega' || kind === 'vega-lite') return finish(kind, await (await loadVega()).renderVega(kind, source));
      mermaid ??= startMermaid().then((started) => ((browserStartMs = started.ms), started));
      const { renderer } = await mermaid;
      if (typeof renderer === 'string') return { noBrowser: renderer };
      return finish(kind, await renderer.render(source));
    },
    async close() {
      const started = mermaid ? await mermaid : undefined;
      mermaid = undefined;
      if (started && typeof started.renderer !== 'string') await started.renderer.close();
      if (!options.keepBrowser) await closeBrowser();
    },
  };
}
