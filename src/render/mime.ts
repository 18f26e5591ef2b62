// Choosing the representation of a MIME bundle: the richest type we can show statically, with a
// note when a richer interactive one (widgets, JavaScript, plotly, bokeh…) was passed over.
import type { MimeBundle } from '../types.js';
import { DIAGRAM_MIMES } from './diagram-html.js';

/** Types that need a live kernel or a browser runtime; never rendered, always passed over. */
const INTERACTIVE_MIMES: ReadonlySet<string> = new Set([
  'application/vnd.jupyter.widget-view+json',
  'application/vnd.jupyter.widget-state+json',
  'application/javascript',
  'text/javascript',
  'application/x-javascript',
  'application/vnd.bokehjs_exec.v0+json',
  'application/vnd.bokehjs_load.v0+json',
  'application/vnd.holoviews_exec.v0+json',
  'application/vnd.holoviews_load.v0+json',
]);

/** Types the renderer can show without a kernel (diagrams when drawn at build time). */
const STATIC_MIMES: ReadonlySet<string> = new Set([
  'text/html',
  'text/markdown',
  'text/latex',
  'text/plain',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/json',
  ...Object.keys(DIAGRAM_MIMES),
]);

const INTERACTIVE_NOTE = (kind: 'image' | 'text') =>
  `<p class="output-note">Interactive output shown as ${kind === 'image' ? 'a static image' : 'static text'}</p>`;
export const LIVE_KERNEL_NOTE =
  '<p class="output-note">This output needs a live kernel: Run this notebook in Binder to see it</p>';

const UNAVAILABLE_NOTE = '<p class="output-note">This output could not be shown</p>';

/** Returned by a representation that turned out to be interactive only (HTML that is all script). */
export const INTERACTIVE = Symbol('interactive');

/** Interactive types, and vendor JSON types we have no static renderer for. */
export function isInteractiveMime(mime: string): boolean {
  const m = mime.toLowerCase();
  return INTERACTIVE_MIMES.has(m) || (m.startsWith('application/vnd.') && m.endsWith('+json') && !STATIC_MIMES.has(m));
}

function present(bundle: MimeBundle, mime: string): boolean {
  return Object.hasOwn(bundle, mime) && bundle[mime] !== undefined && bundle[mime] !== null;
}

/** Types of the bundle in order of preference (types not in `priority` are left out). */
export function rankMimes(bundle: MimeBundle, priority: readonly string[]): string[] {
  return priority.filter((mime) => present(bundle, mime));
}

/** Renders one representation: HTML, `undefined` to try the next, or `INTERACTIVE`. */
export type RenderAttempt = (mime: string, value: unknown) => string | undefined | typeof INTERACTIVE;

/**
 * The bundle's richest static representation, in priority order. When an interactive type ranked
 * higher (or is one we do not rank), a note says what is shown; with nothing static, the note alone
 * (never nothing). Only an empty bundle renders as ''.
 */
export function renderBundle(bundle: MimeBundle, priority: readonly string[], attempt: RenderAttempt): string {
  const ranked = rankMimes(bundle, priority);
  const rankedSet = new Set(ranked);
  let passedInteractive = Object.keys(bundle).some(
    (m) => !rankedSet.has(m) && present(bundle, m) && isInteractiveMime(m),
  );
  for (const mime of ranked) {
    if (isInteractiveMime(mime)) {
      passedInteractive = true;
      continue;
    }
    const html = attempt(mime, bundle[mime]);
    if (html === INTERACTIVE) passedInteractive = true;
    else if (html !== undefined)
      return passedInteractive ? INTERACTIVE_NOTE(mime.startsWith('image/') ? 'image' : 'text') + html : html;
  }
  if (passedInteractive || Object.keys(bundle).some((m) => present(bundle, m) && !STATIC_MIMES.has(m)))
    return LIVE_KERNEL_NOTE;
  return ranked.length > 0 ? UNAVAILABLE_NOTE : '';
}
