// A renderer that draws in a page of the build's one headless Chromium (src/io/browser.ts): mermaid
// and Plotly. A drawing that runs out of time loses its page (closing it ends its script); one whose
// page or browser crashes too, and the next drawing gets a fresh page, in a fresh browser if need
// be. Neither failure is cached: the browser is shared, and its state may be to blame.
import type { Page } from 'playwright-core';
import { closeBrowser } from '../io/browser.js';
import { seconds } from './limits.js';
import { errorMessage } from './outcome.js';
import type { RenderOutcome } from './outcome.js';

/** How long opening a fresh page, or closing a stuck one, may take before the browser is replaced. */
const PAGE_TIMEOUT_MS = 30_000;

export interface PageRenderer {
  /** Draws one diagram within `timeoutMs` (default: the renderer's). */
  render(source: string, timeoutMs?: number): Promise<RenderOutcome>;
  close(): Promise<void>;
}

/** What a drawing in the page returns (plain data: it crosses from the page). */
export interface PageResult {
  ok: boolean;
  svg?: string;
  error?: string;
}

export interface PageRendererSpec {
  /** A fresh page with the renderer loaded. */
  readonly prepare: () => Promise<Page>;
  /** Draws one source in the page. */
  readonly draw: (page: Page, source: string) => Promise<PageResult>;
  /** The error when the renderer fails without a message of its own. */
  readonly fallbackError: string;
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A fresh page, or an error when the browser cannot give one in time (it is then replaced). */
async function freshPage(prepare: () => Promise<Page>): Promise<Page> {
  const page = await withTimeout(prepare(), PAGE_TIMEOUT_MS);
  if (page !== 'timeout') return page;
  await closeBrowser();
  throw new Error(`no page opened in ${seconds(PAGE_TIMEOUT_MS)}`);
}

/** A renderer bound to one page of the shared browser. Throws if the browser cannot start. */
export async function createPageRenderer(spec: PageRendererSpec, timeoutMs: number): Promise<PageRenderer> {
  let page: Page | undefined = await spec.prepare();
  const closePage = async (): Promise<void> => {
    const current = page;
    page = undefined;
    if (
      current &&
      (await withTimeout(
        current.close().catch(() => undefined),
        PAGE_TIMEOUT_MS,
      )) === 'timeout'
    )
      await closeBrowser();
  };
  return {
    async render(source, limit = timeoutMs) {
      try {
        page ??= await freshPage(spec.prepare);
        const result = await withTimeout(spec.draw(page, source), limit);
        if (result === 'timeout') {
          await closePage();
          return {
            ok: false,
            error: `it took longer than the ${seconds(limit)} time limit`,
            transient: true,
            rule: 'diagram-timeout',
          };
        }
        if (result.ok && typeof result.svg === 'string') return { ok: true, svg: result.svg };
        return { ok: false, error: (result.error ?? '').trim() || spec.fallbackError };
      } catch (error) {
        await closePage();
        return {
          ok: false,
          error: `the browser failed: ${errorMessage(error).split('\n')[0]}`,
          transient: true,
          rule: 'diagram-crashed',
        };
      }
    },
    close: closePage,
  };
}
