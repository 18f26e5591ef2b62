// Bokeh glue: draws a saved Bokeh document (src/render/bokeh.ts) with the site's own BokehJS in a
// page of the build's one offline Chromium, as Plotly is drawn. Bokeh paints on a canvas, so the
// picture is a PNG screenshot (at twice the CSS size) wrapped in an SVG, like a widget's picture: it
// is finished, cached and looked up like any diagram. The page forbids every script but BokehJS
// (a nonce'd CSP without 'unsafe-eval'): a document's CustomJS callbacks and formatters, which
// BokehJS compiles with `new Function`, fail to compile instead of running.
import type { Page } from 'playwright-core';
import { openOfflinePage } from '../io/browser.js';
import { bokehScripts, bokehVersion } from '../io/live-bundles.js';
import { DIAGRAM_TIMEOUT_MS } from './limits.js';
import { createPageRenderer } from './page-renderer.js';
import type { PageRenderer, PageResult } from './page-renderer.js';

/** Renderer id for cache keys. */
export function bokehRendererVersion(): string {
  return `BokehJS ${bokehVersion()}, screenshot 2x`;
}

/** A plot wider or taller than this (CSS pixels) is cut at it: a page column is about 800 wide. */
const MAX_SIZE = { width: 1600, height: 1600 };

const NONCE = 'bp-bokeh';

async function preparePage(): Promise<Page> {
  const page = await openOfflinePage();
  // Twice the pixels (BokehJS paints its canvases at the device pixel ratio); CSS zoom would not do:
  // BokehJS sizes its canvases from the zoomed layout and paints them zoomed twice.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { ...MAX_SIZE, deviceScaleFactor: 2, mobile: false });
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'nonce-${NONCE}'"></head><body style="margin:0;background:#fff"></body></html>`,
  );
  for (const source of bokehScripts())
    await page.evaluate(
      ({ source, nonce }) => {
        const script = document.createElement('script');
        script.nonce = nonce;
        script.textContent = source;
        document.head.appendChild(script);
      },
      { source, nonce: NONCE },
    );
  return page;
}

/** Embeds the document's roots into a fresh box (`#bp-bokeh`) and waits until BokehJS has painted them. */
function embedInPage(page: Page, source: string): Promise<PageResult> {
  return page.evaluate(
    async ({ source, max }) => {
      type Doc = { is_idle?: boolean; idle: { connect(f: () => void): void }; clear?: () => void };
      type Bokeh = { documents: Doc[]; embed: { embed_items(docs: unknown, items: unknown): Promise<unknown> } };
      const bokeh = (globalThis as unknown as { Bokeh?: Bokeh }).Bokeh;
      if (!bokeh) return { ok: false, error: 'BokehJS did not load' };
      document.getElementById('bp-bokeh')?.remove();
      const box = document.createElement('div');
      box.id = 'bp-bokeh';
      box.style.cssText = `display:inline-block;padding:4px;background:#fff;max-width:${max.width - 8}px;max-height:${max.height - 8}px;overflow:hidden`;
      document.body.append(box);
      try {
        const { docs_json, render_items } = JSON.parse(source) as {
          docs_json: unknown;
          render_items: { docid: string; root_ids: string[] }[];
        };
        let n = 0;
        const items = render_items.map((item) => {
          const roots: Record<string, string> = {};
          for (const id of item.root_ids) {
            const el = document.createElement('div');
            el.id = `bp-bokeh-root-${n++}`;
            box.append(el);
            roots[id] = el.id;
          }
          return { docid: item.docid, roots, root_ids: item.root_ids };
        });
        // one document at a time: the last one's models go with it
        for (const doc of bokeh.documents.splice(0)) doc.clear?.();
        await bokeh.embed.embed_items(docs_json, items);
        await Promise.all(
          bokeh.documents.map((d) =>
            d.is_idle === false ? new Promise<void>((done) => d.idle.connect(done)) : undefined,
          ),
        );
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        return { ok: true, svg: '' };
      } catch (error) {
        return { ok: false, error: String((error as Error)?.message ?? error) };
      }
    },
    { source, max: MAX_SIZE },
  );
}

async function drawInPage(page: Page, source: string): Promise<PageResult> {
  const embedded = await embedInPage(page, source);
  if (!embedded.ok) return embedded;
  const box = page.locator('#bp-bokeh');
  const rect = await box.boundingBox();
  // 4 px of padding around each side: a box no bigger drew nothing
  if (!rect || rect.width < 20 || rect.height < 20) return { ok: false, error: 'BokehJS drew nothing' };
  const png = await box.screenshot({ type: 'png', animations: 'disabled', scale: 'device' });
  const width = Math.round(rect.width);
  const height = Math.round(rect.height);
  const href = `data:image/png;base64,${png.toString('base64')}`;
  return {
    ok: true,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" href="${href}"/></svg>`,
  };
}

/** A renderer bound to one page of the shared browser. Throws if the browser cannot start. */
export function createBokehRenderer(timeoutMs = DIAGRAM_TIMEOUT_MS): Promise<PageRenderer> {
  return createPageRenderer(
    { prepare: preparePage, draw: drawInPage, fallbackError: 'BokehJS could not draw this document' },
    timeoutMs,
  );
}
