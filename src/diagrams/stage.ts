// The diagram stage: before rendering, find every diagram of every notebook (all branches), draw
// each distinct (kind, source) once — from the disk cache when it was drawn before — and hand the
// renderer a lookup. Problems are diagnostics; the build always goes on.
import { BROWSER_HINT } from '../io/browser.js';
import { openCache } from '../io/cache.js';
import type { DiskCache } from '../io/cache.js';
import { sanitizeSvg } from '../render/sanitize.js';
import type { DiagramLookup, DiagramResult } from '../render/types.js';
import type { Diagnostic, Notebook } from '../types.js';
import { sha256 } from '../util/hash.js';
import { collectDiagrams } from './collect.js';
import { BROWSER_KINDS, createDrawer, noBrowserMessage, sourceLimit } from './draw.js';
import type { Drawer } from './draw.js';
import type { DiagramEntry } from './entry.js';
import { decodeEntry, encodeEntry, entryToResult } from './entry.js';
import type { DiagramKind } from './kind.js';
import { MAX_STOPS_PER_NOTEBOOK } from './limits.js';
import { errorMessage } from './outcome.js';

export { collectRasterImages } from './collect.js';
export { measureImages } from './measure.js';
export type { MeasureOptions, RasterInput } from './measure.js';

export interface DrawItem {
  readonly branch: string;
  readonly path: string;
  readonly notebook: Notebook;
}

export interface DrawOptions {
  /** Folder of the disk cache; without it every diagram is drawn. */
  readonly cacheDir?: string;
  readonly log?: (msg: string) => void;
  /** Leave the browser running after the stage (watch mode); call `closeBrowser()` at the end. */
  readonly keepBrowser?: boolean;
  /** Time limit per diagram (default `DIAGRAM_TIMEOUT_MS`, src/diagrams/limits.ts). */
  readonly timeoutMs?: number;
  /** Heap limit of the diagram process (default `DIAGRAM_MEMORY_MB`). */
  readonly memoryMb?: number;
}

export interface DrawStats {
  /** Distinct diagrams drawn in this run, and taken from the cache. */
  readonly drawn: number;
  readonly cached: number;
  /** Diagrams drawn per kind and the milliseconds it took (browser start-up not included). */
  readonly byKind: Record<string, { count: number; ms: number }>;
  /** Milliseconds spent starting the browser and its pages (0 when no mermaid or Plotly diagram needed drawing). */
  readonly browserMs: number;
  /** Milliseconds spent starting the diagram process (0 when one was already running). */
  readonly workerMs: number;
}

export interface DrawResult {
  readonly lookup: DiagramLookup;
  readonly diagnostics: Diagnostic[];
  readonly stats: DrawStats;
}

interface Distinct {
  readonly kind: DiagramKind;
  readonly source: string;
  readonly occurrences: { branch: string; path: string; cell: number }[];
}

const LABELS: Readonly<Record<DiagramKind, string>> = {
  mermaid: 'Mermaid diagram',
  graphviz: 'Graphviz diagram',
  'vega-lite': 'Vega-Lite chart',
  vega: 'Vega chart',
  plotly: 'Plotly chart',
  bokeh: 'Bokeh plot',
  ipywidget: 'Picture of a widget',
};

const lookupKey = (kind: string, source: string): string => `${kind}\u0000${source}`;

function findDistinct(items: readonly DrawItem[]): Map<string, Distinct> {
  const distinct = new Map<string, Distinct>();
  for (const item of items) {
    for (const d of collectDiagrams(item.notebook)) {
      const key = lookupKey(d.kind, d.source);
      if (!distinct.has(key)) distinct.set(key, { kind: d.kind, source: d.source, occurrences: [] });
      distinct.get(key)!.occurrences.push({ branch: item.branch, path: item.path, cell: d.cell });
    }
  }
  return distinct;
}

function invalidDiagnostics(distinct: Map<string, Distinct>, results: Map<string, DiagramResult>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, d] of distinct) {
    const result = results.get(key);
    if (!result || result.ok) continue;
    for (const at of d.occurrences) {
      out.push({
        rule: result.rule ?? 'diagram-invalid',
        severity: 'warning',
        ...at,
        message: `${LABELS[d.kind]} could not be drawn: ${result.error}`,
        hint:
          result.hint ??
          (d.kind === 'ipywidget'
            ? "The page and feeds show the widget's text in its place; the page still draws it live."
            : d.kind === 'bokeh'
              ? 'The page and feeds show the output as text in its place.'
              : 'Fix the diagram source; it is shown as code in the meantime.'),
      });
    }
  }
  const seen = new Set<string>();
  return out.filter((x) => !seen.has(JSON.stringify(x)) && !!seen.add(JSON.stringify(x)));
}

/**
 * A cached drawing, or undefined. Cached SVG goes through today's sanitizer again, so a stricter
 * policy applies to old entries too (the sanitizer is idempotent on its own output).
 */
async function cachedEntry(cache: DiskCache | undefined, key: string): Promise<DiagramEntry | undefined> {
  const bytes = cache ? await cache.get(key) : undefined;
  const entry = bytes ? decodeEntry(bytes) : undefined;
  if (!entry?.ok) return entry;
  const svg = sanitizeSvg(entry.svg);
  return svg ? { ...entry, svg } : undefined;
}

interface RunState {
  readonly cache: DiskCache | undefined;
  readonly drawer: Drawer;
  readonly results: Map<string, DiagramResult>;
  readonly byKind: Record<string, { count: number; ms: number }>;
  readonly log: (msg: string) => void;
  cached: number;
  noBrowser?: string;
  /** Diagrams stopped by a limit in this run, per notebook (`branch\0path`). */
  readonly stops: Map<string, number>;
}

const notebookKey = (at: { branch: string; path: string }): string => `${at.branch}\u0000${at.path}`;

/** Stopped by the time or memory limit, or crashed: each cost up to a time limit and a restart. */
function wasStopped(entry: DiagramEntry): boolean {
  if (entry.ok || !entry.rule) return false;
  return entry.rule !== 'diagram-too-large' || entry.error.includes('memory limit');
}

/** Every notebook this diagram is in has had its share of stopped diagrams in this run. */
function overBudget(d: Distinct, run: RunState): boolean {
  if (sourceLimit(d.kind, d.source)) return false; // refused at no cost
  return d.occurrences.every((at) => (run.stops.get(notebookKey(at)) ?? 0) >= MAX_STOPS_PER_NOTEBOOK);
}

/** One distinct diagram: from the cache, else drawn (and cached unless the failure was transient). */
async function drawDistinct(key: string, d: Distinct, run: RunState): Promise<void> {
  const cacheKey = sha256(`${await run.drawer.rendererId(d.kind)}\u0000${d.kind}\u0000${d.source}`);
  const hit = await cachedEntry(run.cache, cacheKey);
  if (hit) {
    run.results.set(key, entryToResult(hit));
    run.cached++;
    return;
  }
  if (d.kind in BROWSER_KINDS && run.noBrowser !== undefined) return;
  if (overBudget(d, run)) {
    const error = `not drawn in this build: ${MAX_STOPS_PER_NOTEBOOK} diagrams of this notebook were already stopped by a limit (it is tried again next build)`;
    run.results.set(key, entryToResult({ ok: false, error, rule: 'diagram-timeout' }));
    return;
  }
  const started = performance.now();
  const workerBefore = run.drawer.workerStartMs;
  const browserBefore = run.drawer.browserStartMs;
  const drawn = await run.drawer.draw(d.kind, d.source);
  if ('noBrowser' in drawn) {
    run.noBrowser = drawn.noBrowser;
    return;
  }
  const stat = (run.byKind[d.kind] ??= { count: 0, ms: 0 });
  stat.count++;
  // the worker and browser pages start inside the first drawing that needs them: start-up, not drawing time
  stat.ms +=
    performance.now() -
    started -
    (run.drawer.workerStartMs - workerBefore) -
    (run.drawer.browserStartMs - browserBefore);
  run.results.set(key, entryToResult(drawn.entry));
  if (wasStopped(drawn.entry))
    for (const at of d.occurrences) run.stops.set(notebookKey(at), (run.stops.get(notebookKey(at)) ?? 0) + 1);
  if (run.cache && !drawn.transient) {
    await run.cache
      .set(cacheKey, encodeEntry(drawn.entry))
      .catch((e: unknown) => run.log(`diagram cache: ${errorMessage(e)}`));
  }
}

/** Draws every diagram of the given notebooks, once per distinct source. */
export async function drawDiagrams(items: readonly DrawItem[], opts: DrawOptions = {}): Promise<DrawResult> {
  const distinct = findDistinct(items);
  const run: RunState = {
    cache: opts.cacheDir && distinct.size > 0 ? await openCache(opts.cacheDir) : undefined,
    drawer: createDrawer(opts),
    results: new Map(),
    byKind: {},
    log: opts.log ?? (() => {}),
    cached: 0,
    stops: new Map(),
  };
  try {
    for (const [key, d] of distinct) await drawDistinct(key, d, run);
  } finally {
    await run.drawer.close();
  }
  const browserMs = run.drawer.browserStartMs;
  const workerMs = run.drawer.workerStartMs;
  const diagnostics = invalidDiagnostics(distinct, run.results);
  if (run.noBrowser !== undefined) {
    diagnostics.push({
      rule: 'diagram-no-browser',
      severity: 'warning',
      branch: '',
      path: '',
      message: noBrowserMessage(run.noBrowser),
      hint: BROWSER_HINT,
    });
  }
  const drawn = Object.values(run.byKind).reduce((n, s) => n + s.count, 0);
  if (distinct.size > 0) run.log(`diagrams: ${distinct.size} distinct, ${drawn} drawn, ${run.cached} from cache`);
  return {
    lookup: { get: (kind, source) => run.results.get(lookupKey(kind, source)) },
    diagnostics,
    stats: { drawn, cached: run.cached, byKind: run.byKind, browserMs, workerMs },
  };
}
