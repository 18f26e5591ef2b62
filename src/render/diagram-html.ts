// Diagrams drawn at build time (mermaid, graphviz, vega, vega-lite, plotly), shown as an SVG <img> with the
// PNG beside it for feeds. Used for markdown fences and for diagram MIME outputs alike; the diagram
// stage uses `diagramKind` and `diagramSource` to find the same sources before rendering.
import { html, trusted } from '../util/html.js';
import { MAX_JSON_DEPTH, jsonDeeperThan } from '../util/json-depth.js';
import { imgTag } from './images.js';
import { liveChartData, plotlyTitle } from './live-charts.js';
import type { DiagramImage, DiagramLookup, MarkdownEnv, RenderEnv, RenderSink } from './types.js';

/** Fence languages that are diagrams, and their kind. */
export const DIAGRAM_FENCES: Readonly<Record<string, string>> = {
  mermaid: 'mermaid',
  '{mermaid}': 'mermaid',
  dot: 'graphviz',
  graphviz: 'graphviz',
  '{graphviz}': 'graphviz',
  'vega-lite': 'vega-lite',
  vegalite: 'vega-lite',
  vega: 'vega',
};

/** Output MIME types that are diagrams, and their kind. */
export const DIAGRAM_MIMES: Readonly<Record<string, string>> = {
  'text/vnd.mermaid': 'mermaid',
  'application/vnd.vegalite.v3+json': 'vega-lite',
  'application/vnd.vegalite.v4+json': 'vega-lite',
  'application/vnd.vegalite.v5+json': 'vega-lite',
  'application/vnd.vega.v5+json': 'vega',
  'application/vnd.plotly.v1+json': 'plotly',
};

const LABELS: Readonly<Record<string, string>> = {
  mermaid: 'Mermaid diagram',
  graphviz: 'Graphviz diagram',
  'vega-lite': 'Vega-Lite chart',
  vega: 'Vega chart',
  plotly: 'Plotly chart',
  bokeh: 'Bokeh plot',
};

/** Diagram kind of a fence language or output MIME type; `undefined` when it is not a diagram. */
export function diagramKind(langOrMime: string): string | undefined {
  const key = langOrMime.trim().toLowerCase();
  return DIAGRAM_FENCES[key] ?? DIAGRAM_MIMES[key];
}

/** The stand-in source of a spec nested too deep to serialize (the diagram stage refuses it). */
export const TOO_DEEP_SOURCE = `(a spec nested deeper than ${MAX_JSON_DEPTH} levels, not shown)`;

/**
 * The lookup key of a diagram output value: the text itself, or the JSON of a parsed spec.
 * `JSON.stringify` recurses: a spec nested 100 000 deep would overflow the stack.
 */
export function diagramSource(value: unknown): string {
  if (typeof value === 'string') return value;
  return jsonDeeperThan(value) ? TOO_DEEP_SOURCE : (JSON.stringify(value) ?? '');
}

/** A short description for the `alt` attribute. */
function describe(kind: string, source: string): string {
  const label = LABELS[kind] ?? 'Diagram';
  if (kind === 'vega' || kind === 'vega-lite') {
    try {
      const spec = JSON.parse(source) as Record<string, unknown>;
      const text =
        typeof spec.description === 'string' ? spec.description : typeof spec.title === 'string' ? spec.title : '';
      return text ? `${label}: ${text.slice(0, 200)}` : label;
    } catch {
      return label;
    }
  }
  if (kind === 'plotly') {
    const title = plotlyTitle(source);
    return title ? `${label}: ${title.slice(0, 200)}` : label;
  }
  if (kind === 'bokeh') return label; // a document of models: no one line of it says what it shows
  const first =
    source
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return first ? `${label}: ${first.slice(0, 120)}` : label;
}

/** Adds the diagram's files to the sink and returns the figure. */
function diagramFigure(kind: string, source: string, image: DiagramImage, t: DiagramTarget): string {
  const { sink, env } = t;
  const names = new Map<string, string>();
  for (const a of image.assets) names.set(a.name, sink.addAsset(a.bytes, a.mime));
  const svg = env.assetUrl(names.get(image.svg) ?? image.svg);
  const png = env.assetUrl(names.get(image.png) ?? image.png);
  const img = imgTag({ src: svg, dataPng: png, width: image.width, height: image.height, alt: describe(kind, source) });
  const live = t.live ? liveChartData(kind, source) : '';
  return html`<figure class="diagram diagram-${kind}">${img}${trusted(live)}</figure>`.value;
}

/** The diagram source with the error, where the diagram would be. */
function diagramError(kind: string, source: string, error: string): string {
  return html`<div class="diagram-error"><p class="diagram-error-message">${LABELS[kind] ?? 'Diagram'} could not be drawn: ${error}</p><pre><code>${source}</code></pre></div>`
    .value;
}

export interface DiagramTarget {
  readonly diagrams: DiagramLookup;
  readonly sink: RenderSink;
  readonly env: RenderEnv;
  readonly cell?: number;
  /**
   * Carry the chart's data for a live chart (src/render/live-charts.ts): outputs only. A fence in
   * markdown is the author's picture, and cells' HTML goes to feeds as it is.
   */
  readonly live?: boolean;
}

/** A drawn diagram's figure, an error box (reported), or `undefined` when it was not drawn. */
export function drawDiagram(kind: string, source: string, t: DiagramTarget): string | undefined {
  const result = t.diagrams.get(kind, source);
  if (result === undefined) return undefined;
  if (result.ok) return diagramFigure(kind, source, result.image, t);
  t.sink.report({
    rule: result.rule ?? 'diagram-invalid',
    severity: 'warning',
    ...(t.cell === undefined ? {} : { cell: t.cell }),
    message: `${LABELS[kind] ?? 'Diagram'} could not be drawn: ${result.error}`,
    hint: result.hint ?? 'Fix the diagram source; it is shown as code in the meantime.',
  });
  return diagramError(kind, source, result.error);
}

/** Grammar for a diagram's source when it was not drawn. */
const FENCE_HIGHLIGHT: Readonly<Record<string, string>> = {
  graphviz: 'dot',
  vega: 'json',
  'vega-lite': 'json',
  mermaid: 'mermaid',
};

/** The markdown renderer's fence hook: diagrams by fence language, other fences left alone. */
export function renderFenceDiagram(
  lang: string,
  code: string,
  o: {
    readonly diagrams: DiagramLookup;
    readonly highlight: (code: string, lang: string) => string;
    readonly menv: MarkdownEnv;
  },
): string | undefined {
  const kind = DIAGRAM_FENCES[(lang.trim().split(/\s+/)[0] ?? '').toLowerCase()];
  if (kind === undefined) return undefined;
  const target = {
    diagrams: o.diagrams,
    sink: o.menv.sink,
    env: o.menv.env,
    ...(o.menv.cell === undefined ? {} : { cell: o.menv.cell }),
  };
  return drawDiagram(kind, code, target) ?? o.highlight(code, FENCE_HIGHLIGHT[kind] ?? kind);
}
