// A picture of one ipywidgets view, drawn at build time in the build's offline browser by the
// site's own widget bundle (src/io/widget-files.ts) from the state the page carries: a PNG
// screenshot (at twice the CSS size) wrapped in an SVG, so it goes through the diagram stage's
// finishing, cache and lookup like any diagram. Pages show it until the live view is drawn;
// feeds show its PNG. The state is already sanitized (src/render/widgets-state.ts) and the page
// has no network.
import type { Page } from 'playwright-core';
import { openOfflinePage } from '../io/browser.js';
import { HTML_MANAGER_VERSION, widgetBundle } from '../io/widget-files.js';
import { WIDGET_STATE_MIME, WIDGET_VIEW_MIME } from '../render/widgets-state.js';
import { seconds } from './limits.js';
import { errorMessage } from './outcome.js';
import type { RenderOutcome } from './outcome.js';

/** Renderer id for cache keys: the bundle's version, and this file's way of drawing. */
export function widgetPictureVersion(): string {
  return `@jupyter-widgets/html-manager ${HTML_MANAGER_VERSION}, screenshot 2x`;
}

/** A widget wider or taller than this (CSS pixels) is cut at it: a page column is about 800 wide. */
const MAX_SIZE = { width: 1000, height: 1500 };

interface PictureSource {
  readonly model_id: string;
  readonly state: object;
}

// The one page widgets are drawn in, made on first need and reused (see `widgetPage`).
let shared: Promise<Page> | undefined;

/**
 * The page widgets are drawn in, the bundle loaded once (parsing its 1.9 MB takes seconds; each
 * widget after the first then takes about a tenth of one). A failure or a timeout closes it.
 */
async function widgetPage(): Promise<Page> {
  const current = shared ? await shared.catch(() => undefined) : undefined;
  if (current && !current.isClosed()) return current;
  shared = (async () => {
    const page = await openOfflinePage();
    await page.setViewportSize({ width: MAX_SIZE.width * 2, height: MAX_SIZE.height * 2 });
    // The bundle finds where its fonts are from the `src` of a script in the page, and throws
    // without one: an inert script names a host that does not exist (the page has no network).
    await page.evaluate(() => {
      document.body.style.cssText = 'margin:0;zoom:2;background:#fff;font-family:sans-serif';
      document.body.append(
        Object.assign(document.createElement('script'), {
          type: 'text/plain',
          src: 'https://widgets.invalid/embed.js',
        }),
      );
    });
    await page.addScriptTag({ content: widgetBundle() });
    return page;
  })();
  return shared;
}

async function closeWidgetPage(): Promise<void> {
  const current = shared ? await shared.catch(() => undefined) : undefined;
  shared = undefined;
  await current?.close().catch(() => undefined);
}

/** Replaces the last widget by this one's state and view; the bundle draws every state in the page on `load`. */
async function drawView(page: Page, source: PictureSource): Promise<void> {
  await page.evaluate(
    ({ state, view, mimes, max }) => {
      for (const old of document.querySelectorAll(`#bp-widget, script[type="${mimes.state}"]`)) old.remove();
      const box = document.createElement('div');
      box.id = 'bp-widget';
      box.style.cssText = `display:inline-block;padding:4px;max-width:${max.width - 8}px;max-height:${max.height - 8}px;overflow:hidden`;
      box.append(Object.assign(document.createElement('script'), { type: mimes.view, textContent: view }));
      document.body.append(
        Object.assign(document.createElement('script'), { type: mimes.state, textContent: state }),
        box,
      );
      window.dispatchEvent(new Event('load'));
    },
    {
      state: JSON.stringify(source.state),
      view: JSON.stringify({ version_major: 2, version_minor: 0, model_id: source.model_id }),
      mimes: { state: WIDGET_STATE_MIME, view: WIDGET_VIEW_MIME },
      max: MAX_SIZE,
    },
  );
  await page.waitForFunction(() => (document.querySelector('#bp-widget .widget-subarea')?.childElementCount ?? 0) > 0);
  // Two frames for layout to settle (icon fonts have no file here: icons are left out).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** The screenshot as an SVG of its CSS size. */
async function shoot(page: Page): Promise<RenderOutcome> {
  const box = page.locator('#bp-widget');
  const rect = await box.boundingBox();
  if (!rect || rect.width < 2 || rect.height < 2) return { ok: false, error: 'the widget drew nothing' };
  const png = await box.screenshot({ type: 'png', animations: 'disabled' });
  const width = Math.round(rect.width / 2);
  const height = Math.round(rect.height / 2);
  const href = `data:image/png;base64,${png.toString('base64')}`;
  return {
    ok: true,
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" href="${href}"/></svg>`,
  };
}

function parseSource(source: string): PictureSource | undefined {
  try {
    const parsed = JSON.parse(source) as Partial<PictureSource>;
    return typeof parsed.model_id === 'string' && parsed.state && typeof parsed.state === 'object'
      ? (parsed as PictureSource)
      : undefined;
  } catch {
    return undefined;
  }
}

/** How long opening the page and loading the bundle may take (not charged to the first widget). */
const PAGE_TIMEOUT_MS = 60_000;

function within<T>(promise: Promise<T>, ms: number, error: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => undefined); // still running when the time is up: its page is closed under it
  const timeout = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new TimeoutError(error)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

class TimeoutError extends Error {}

/** Draws the view of `source` (`widgetPictureSource`'s JSON) within `timeoutMs`. */
export async function drawWidgetPicture(source: string, timeoutMs: number): Promise<RenderOutcome> {
  const parsed = parseSource(source);
  if (!parsed) return { ok: false, error: 'not a widget view with its state' };
  try {
    const page = await within(
      widgetPage(),
      PAGE_TIMEOUT_MS,
      `the widget bundle did not load in ${seconds(PAGE_TIMEOUT_MS)}`,
    );
    page.setDefaultTimeout(timeoutMs);
    const outcome = await within(
      drawView(page, parsed).then(() => shoot(page)),
      timeoutMs,
      `it took longer than the ${seconds(timeoutMs)} time limit`,
    );
    if (!outcome.ok) await closeWidgetPage();
    return outcome;
  } catch (error) {
    await closeWidgetPage();
    if (error instanceof TimeoutError)
      return { ok: false, error: error.message, transient: true, rule: 'diagram-timeout' };
    return {
      ok: false,
      error: `the widget could not be drawn: ${errorMessage(error).split('\n')[0]}`,
      transient: true,
    };
  }
}
