// Live charts on pages (Plotly, Vega, Vega-Lite, Bokeh): a drawn chart's figure also carries the chart's JSON in an inert
// `<script type="application/json">` element, which the page script (templates/static/
// live-charts.js) hands to the chart library served from `_static/`. The element is data, never
// run: its text is JSON with every `<`, `>` and `&` written as a `\u` escape, so no `</script`
// or `<!--` can end or change it. Sanitized notebook HTML holds no `<script` at all, so finding
// one is how a page knows it needs the chart libraries (`liveScripts`), and how feeds drop it.

/** Kinds drawn at build time that a page can replace with a live chart. */
const LIVE_KINDS: ReadonlySet<string> = new Set(['plotly', 'vega', 'vega-lite', 'bokeh']);

/** Where the chart libraries are served (src/io/live-bundles.ts copies them when a page needs them). */
export const LIVE_SCRIPT_PATHS = {
  plotly: '_static/plotly/plotly.min.js',
  vega: '_static/vega/vega.min.js',
  vegaLite: '_static/vega/vega-lite.min.js',
  vegaEmbed: '_static/vega/vega-embed.min.js',
  bokeh: '_static/bokeh/bokeh.min.js',
  bokehWidgets: '_static/bokeh/bokeh-widgets.min.js',
} as const;

/** The site files a page with a live chart of each kind loads (after them, our page script). */
const KIND_SCRIPTS: Readonly<Record<string, readonly string[]>> = {
  plotly: [LIVE_SCRIPT_PATHS.plotly],
  vega: [LIVE_SCRIPT_PATHS.vega, LIVE_SCRIPT_PATHS.vegaEmbed],
  'vega-lite': [LIVE_SCRIPT_PATHS.vega, LIVE_SCRIPT_PATHS.vegaLite, LIVE_SCRIPT_PATHS.vegaEmbed],
  bokeh: [LIVE_SCRIPT_PATHS.bokeh, LIVE_SCRIPT_PATHS.bokehWidgets],
};

/** The order they load in: vega-embed needs vega and vega-lite loaded before it, BokehJS's widgets its core. */
const LOAD_ORDER: readonly string[] = Object.values(LIVE_SCRIPT_PATHS);

export const LIVE_PAGE_SCRIPT = '_static/live-charts.js';

const LIVE_DATA = /<script type="application\/json" data-bp-live="([a-z-]+)">[^<]*<\/script>/g;

/** JSON text made safe inside a `<script>` element (valid JSON in, the same JSON value out). */
export function scriptSafeJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The inert data element of a live chart, or '' for a kind that has none. `source` is JSON text. */
export function liveChartData(kind: string, source: string): string {
  if (!LIVE_KINDS.has(kind)) return '';
  return `<script type="application/json" data-bp-live="${kind}">${scriptSafeJson(source)}</script>`;
}

/** HTML without the live charts' data (feeds show the drawn picture alone). */
export function withoutLiveData(htmlText: string): string {
  return htmlText.includes('<script') ? htmlText.replace(LIVE_DATA, '') : htmlText;
}

/** The scripts a page's HTML needs for its live charts, as site paths; none when it has none. */
export function liveScripts(pageHtml: string): string[] {
  if (!pageHtml.includes('<script type="application/json" data-bp-live=')) return [];
  const kinds = new Set([...pageHtml.matchAll(LIVE_DATA)].map((m) => m[1] as string));
  const scripts = new Set([...kinds].flatMap((k) => KIND_SCRIPTS[k] ?? []));
  return scripts.size === 0 ? [] : [...LOAD_ORDER.filter((s) => scripts.has(s)), LIVE_PAGE_SCRIPT];
}

/** The title of a Plotly figure as plain text, for the picture's `alt`. */
export function plotlyTitle(source: string): string {
  try {
    const layout = (JSON.parse(source) as { layout?: { title?: unknown } }).layout;
    const title = layout?.title;
    const text =
      typeof title === 'string'
        ? title
        : typeof (title as { text?: unknown })?.text === 'string'
          ? (title as { text: string }).text
          : '';
    return text
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  } catch {
    return '';
  }
}
