// Plotly glue: draws `application/vnd.plotly.v1+json` figures with plotly.js in the build's one
// headless Chromium (src/io/browser.ts), as mermaid is drawn, through `Plotly.toImage` as SVG.
// plotly.js writes text (titles, hover, annotations) as SVG <text>, never HTML: the drawing
// rasterizes with sharp and goes through the same SVG checks as every diagram (src/diagrams/svg.ts).
// The figure's own `config` is ignored: its options are about the live chart (links to Chart
// Studio among them), not the picture. Clip-path ids come from Math.random, which is seeded per
// figure so the same figure gives the same SVG.
import type { Page } from 'playwright-core';
import { openOfflinePage } from '../io/browser.js';
import { plotlyScript } from '../io/live-bundles.js';
import { DIAGRAM_TIMEOUT_MS } from './limits.js';
import { createPageRenderer } from './page-renderer.js';
import type { PageRenderer, PageResult } from './page-renderer.js';

export type PlotlyRenderer = PageRenderer;

async function preparePage(): Promise<Page> {
  const page = await openOfflinePage();
  await page.evaluate((source) => {
    const script = document.createElement('script');
    script.textContent = source;
    document.head.appendChild(script);
  }, plotlyScript());
  return page;
}

function drawInPage(page: Page, source: string): Promise<PageResult> {
  return page.evaluate(async (source) => {
    let state = 1;
    Math.random = () => {
      state = (state + 0x6d2b79f5) | 0; // mulberry32
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    type Plotly = { toImage(figure: unknown, options: unknown): Promise<string> };
    const plotly = (globalThis as unknown as { Plotly?: Plotly }).Plotly;
    if (!plotly) return { ok: false, error: 'plotly.js did not load' };
    try {
      const figure = JSON.parse(source) as { data?: unknown; layout?: unknown; frames?: unknown };
      if (figure === null || typeof figure !== 'object' || Array.isArray(figure))
        return { ok: false, error: 'a Plotly figure must be a JSON object' };
      const data = Array.isArray(figure.data) ? figure.data : [];
      const layout =
        figure.layout !== null && typeof figure.layout === 'object' && !Array.isArray(figure.layout)
          ? figure.layout
          : {};
      const url = await plotly.toImage({ data, layout, config: { staticPlot: true } }, { format: 'svg' });
      const comma = url.indexOf(',');
      const head = url.slice(0, comma);
      const body = url.slice(comma + 1);
      return {
        ok: true,
        svg: head.endsWith(';base64')
          ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)))
          : decodeURIComponent(body),
      };
    } catch (error) {
      return { ok: false, error: String((error as Error)?.message ?? error) };
    }
  }, source);
}

/** A renderer bound to one page of the shared browser. Throws if the browser cannot start. */
export function createPlotlyRenderer(timeoutMs = DIAGRAM_TIMEOUT_MS): Promise<PlotlyRenderer> {
  return createPageRenderer(
    { prepare: preparePage, draw: drawInPage, fallbackError: 'plotly.js could not draw this figure' },
    timeoutMs,
  );
}
