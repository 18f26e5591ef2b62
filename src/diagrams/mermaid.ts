// Mermaid glue: draws mermaid diagrams in the build's one headless Chromium (src/io/browser.ts).
// mermaid runs with securityLevel 'strict' (no click callbacks, labels sanitized by mermaid's own
// DOMPurify) and htmlLabels off everywhere, so labels are SVG <text> that sharp can rasterize and
// that survive sanitizing (no <foreignObject>). Ids are deterministic: same source, same SVG.
import type { Page } from 'playwright-core';
import { mermaidScript, openOfflinePage } from '../io/browser.js';
import { sha256 } from '../util/hash.js';
import { DIAGRAM_TIMEOUT_MS } from './limits.js';
import { createPageRenderer } from './page-renderer.js';
import type { PageRenderer, PageResult } from './page-renderer.js';

const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  class: { htmlLabels: false },
  state: { htmlLabels: false },
  suppressErrorRendering: true,
  deterministicIds: true,
  maxTextSize: 100_000,
} as const;

/** How long one diagram may take before the page is thrown away. */
const MERMAID_TIMEOUT_MS = DIAGRAM_TIMEOUT_MS;

export type MermaidRenderer = PageRenderer;

/** Build output must not depend on the clock or on chance: gantt "today" markers, rough.js seeds. */
const FIXED_TIME = Date.UTC(2000, 0, 1);

async function preparePage(): Promise<Page> {
  const page = await openOfflinePage();
  await page.evaluate((source) => {
    (globalThis as unknown as { __bpMermaid: string }).__bpMermaid = source;
  }, mermaidScript());
  return page;
}

/**
 * A fresh iframe with mermaid loaded, for one diagram: mermaid keeps counters in module scope
 * (sequence diagram actor ids, for one), so a realm per diagram is what makes the SVG depend on the
 * source alone. V8 caches the compiled bundle, so a new realm costs tens of milliseconds. The
 * realm's clock is fixed and its Math.random seeded.
 */
function createRealm(page: Page): Promise<void> {
  return page.evaluate(
    ({ config, fixedTime }) => {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'position:absolute;left:-20000px;top:0;width:1600px;height:1200px;border:0';
      document.body.appendChild(frame);
      const realm = frame.contentWindow as unknown as {
        Date: DateConstructor;
        Math: Math;
        mermaid: { initialize(c: unknown): void };
      };
      const RealDate = realm.Date;
      realm.Date = class extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(fixedTime);
          else super(...(args as [string]));
        }
        static override now(): number {
          return fixedTime;
        }
      } as DateConstructor;
      let state = 1;
      realm.Math.random = () => {
        state = (state + 0x6d2b79f5) | 0; // mulberry32
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const doc = frame.contentDocument as Document;
      const script = doc.createElement('script');
      script.textContent = (globalThis as unknown as { __bpMermaid: string }).__bpMermaid;
      doc.head.appendChild(script);
      realm.mermaid.initialize(config);
      (globalThis as unknown as { __bpFrame: HTMLIFrameElement }).__bpFrame = frame;
    },
    { config: MERMAID_CONFIG, fixedTime: FIXED_TIME },
  );
}

/** Renders in the realm made by `createRealm`, then throws the realm away. */
async function renderInPage(page: Page, id: string, source: string): Promise<PageResult> {
  await createRealm(page);
  return page.evaluate(
    async ({ id, source }) => {
      const frame = (globalThis as unknown as { __bpFrame: HTMLIFrameElement }).__bpFrame;
      const realm = frame.contentWindow as unknown as {
        mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
      };
      try {
        const { svg } = await realm.mermaid.render(id, source);
        // mermaid returns HTML serialization (`xlink:href` without its namespace, `<br>`): re-serialize as XML.
        const template = document.createElement('template');
        template.innerHTML = svg;
        const root = template.content.firstElementChild;
        if (!root) return { ok: false, error: 'mermaid returned no SVG' };
        return { ok: true, svg: new XMLSerializer().serializeToString(root) };
      } catch (error) {
        return { ok: false, error: String((error as Error)?.message ?? error) };
      } finally {
        frame.remove();
      }
    },
    { id, source },
  );
}

/** A renderer bound to one page of the shared browser (src/diagrams/page-renderer.ts). Throws if the browser cannot start. */
export function createMermaidRenderer(timeoutMs = MERMAID_TIMEOUT_MS): Promise<MermaidRenderer> {
  return createPageRenderer(
    {
      prepare: preparePage,
      draw: (page, source) => renderInPage(page, `mermaid-${sha256(source, 12)}`, source),
      fallbackError: 'mermaid could not draw this diagram',
    },
    timeoutMs,
  );
}
