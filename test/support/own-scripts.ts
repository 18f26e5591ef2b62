// What a built page may hold of `<script>`: the site's own scripts, and inert data elements (JSON
// a page script reads, never run). Shared by the safety test and the fuzz invariants.

/** The site's own scripts: site.js; on pages with live charts or widgets, their libraries and page scripts. */
export const OWN_SCRIPT =
  /(^|\/)_static\/(site\.js|live-charts\.js|plotly\/plotly\.min\.js|vega\/vega(-lite|-embed)?\.min\.js|bokeh\/bokeh(-widgets)?\.min\.js|widgets\/(loader|embed)\.js)$/;

/** The data elements' types: a live chart's figure (marked `data-bp-live`), widget state and views. */
const WIDGET_DATA = new Set(['application/vnd.jupyter.widget-state+json', 'application/vnd.jupyter.widget-view+json']);

export interface ScriptElement {
  readonly type: string | undefined;
  readonly src: string | undefined;
  readonly live: boolean;
  readonly text: string;
}

/** An inert data element: a data type, no `src`, JSON that parses and holds no `<` or `>` that could end it early. */
export function isInertData(s: ScriptElement): boolean {
  const dataType = (s.type === 'application/json' && s.live) || (s.type !== undefined && WIDGET_DATA.has(s.type));
  if (!dataType || s.src !== undefined || /[<>]/.test(s.text)) return false;
  try {
    return JSON.parse(s.text) !== null;
  } catch {
    return false;
  }
}
