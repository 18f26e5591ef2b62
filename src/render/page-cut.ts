// The page's limit on outputs. A page keeps every output (long ones fold behind an expander), but
// not without bound: three streams of 40 million characters made a page string longer than V8's
// longest (2^29 − 24 characters, about 537 million), and the whole build died; a page of 100 MB
// or more cannot be published to GitHub Pages at all. So an output whose text is longer than
// PAGE_OUTPUT_LIMIT is not rendered whole, nor one whose HTML would not fit in what is left of
// PAGE_OUTPUTS_LIMIT for the notebook: the page shows its first lines when it is text (as feeds
// do, see feed-cut.ts) and a line saying how much is left out, with a link to download the notebook.
import type { Output } from '../types.js';
import { formatBytes } from '../util/bytes.js';
import { html, trusted } from '../util/html.js';
import { count, FEED_HEAD_CHARS, headOf, linesIn, type ShownOutput } from './feed-cut.js';
import { RASTER_MIMES } from './images.js';
import type { CellPlace } from './sink.js';
import { COLLAPSED_HEAD_LINES, renderPreText } from './streams.js';

/**
 * Characters of one output's text (a stream, or a bundle's text and markup) rendered on a page: at
 * most 6 characters of HTML each (`"` is `&quot;`), so no output's HTML nears V8's limit.
 */
export const PAGE_OUTPUT_LIMIT = 10_000_000;
/**
 * Characters of HTML a notebook's outputs may take on its page together: even at 3 UTF-8 bytes a
 * character the page stays under GitHub Pages' 100 MB file limit.
 */
const PAGE_OUTPUTS_LIMIT = 32_000_000;

/** Characters of about the note that stands for a cut output: a shorter output is never cut. */
export const PAGE_NOTE_SIZE = 500;

/** What one notebook's page may still hold, and the outputs cut so far (for the warning). */
export interface PageCuts {
  /** Characters of output HTML the page may still take. */
  left: number;
  /** Characters of text one output may have to be rendered at all. */
  readonly outputLimit: number;
  /** Characters of output HTML the page may take in all. */
  readonly outputsLimit: number;
  /** Cells with an output cut on the page: index, id, the output's size in characters. */
  readonly cut: { readonly index: number; readonly id: string; readonly size: number }[];
}

export function createPageCuts(outputLimit = PAGE_OUTPUT_LIMIT, outputsLimit = PAGE_OUTPUTS_LIMIT): PageCuts {
  return { left: outputsLimit, outputLimit, outputsLimit, cut: [] };
}

/** Characters of one representation as it would be rendered inline (images become files: not counted). */
function valueSize(mime: string, value: unknown): number {
  if (typeof value === 'string') return RASTER_MIMES.has(mime) ? 0 : value.length;
  return mime === 'application/json' ? (JSON.stringify(value)?.length ?? 0) : 0;
}

/** Characters of an output's text as it would be rendered inline, every representation counted. */
export function inlineSize(output: Output): number {
  switch (output.type) {
    case 'stream':
      return output.text.length;
    case 'error':
      return output.traceback.reduce((n, line) => n + line.length, output.evalue.length);
    default:
      return Object.entries(output.data).reduce((n, [mime, value]) => n + valueSize(mime, value), 0);
  }
}

/** The note on what a page leaves out, with the notebook's download (beside the page, same name). */
function note(what: string, notebookPath: string): string {
  const file = notebookPath.split('/').pop() ?? notebookPath;
  return html`<p class="output-note">Left out of this page: ${what}. <a href="${encodeURIComponent(file)}" download>Download the notebook</a> to see all of it.</p>`
    .value;
}

/**
 * An output as its page shows it when it is too long for it: the first lines of `pre`'s text (when
 * it is text) and the note, or the note alone. `size` is the output's size in characters.
 */
export function cutForPage(
  pre: ShownOutput['pre'] | undefined,
  size: number,
  place: CellPlace,
  notebookPath: string,
  collapseLines: number,
  cuts: PageCuts,
): ShownOutput {
  if (!cuts.cut.some((c) => c.index === place.index)) cuts.cut.push({ index: place.index, id: place.id, size });
  let shown: string;
  if (pre) {
    const head = headOf(pre.text, Math.max(1, Math.min(COLLAPSED_HEAD_LINES, collapseLines)), FEED_HEAD_CHARS);
    const rest = pre.text.slice(head.length);
    // All of the text shown: what is left out is a fuller form of it (a table's HTML).
    const what =
      rest === ''
        ? `this output's fuller form (${formatBytes(size)})`
        : `${head === '' ? 'this output' : 'the rest of this output'}, ${count(linesIn(rest), 'line')} (${formatBytes(Buffer.byteLength(rest))})`;
    shown = pre.around(
      `${head === '' ? '' : renderPreText(head, pre.className, collapseLines)}${note(what, notebookPath)}`,
    );
  } else
    shown = html`<div class="output">${trusted(note(`an output of ${formatBytes(size)}`, notebookPath))}</div>`.value;
  cuts.left = Math.max(0, cuts.left - shown.length);
  return { html: shown };
}
