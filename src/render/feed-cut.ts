// The feeds' copy of a notebook's outputs. A feed item carries the page's HTML, but a reader fetches
// the whole feed on every poll and gives up on a large one (Miniflux reads at most 15 MiB, Tiny Tiny
// RSS 16 MiB; GitHub Pages takes no file over 100 MB), while the page folds a long output behind an
// expander. So in feeds an output longer than FEED_OUTPUT_LIMIT, or than what is left of
// FEED_OUTPUTS_LIMIT for the whole notebook, shows its first lines when it is text (nothing when
// it is not) and a line saying how much is left out, linking to its cell on the page. An item then
// holds at most about FEED_OUTPUTS_LIMIT of outputs, one short line per cell beyond it, and its
// cells' code and text. The page keeps every output; a notebook cut nowhere has no feed copy.
import { formatBytes } from '../util/bytes.js';
import { html, trusted } from '../util/html.js';
import { cellAnchor, type CellPlace } from './sink.js';
import { COLLAPSED_HEAD_LINES, renderPreText } from './streams.js';

/** Characters of HTML one output may take in a feed (about 800 lines of 80 characters). */
export const FEED_OUTPUT_LIMIT = 64_000;
/** Characters of HTML a notebook's outputs may take in a feed together: 20 items stay near 5 MB. */
export const FEED_OUTPUTS_LIMIT = 256_000;
/** Characters of text a cut output shows at most (within its first `COLLAPSED_HEAD_LINES` lines). */
export const FEED_HEAD_CHARS = 4_000;
/** An output of this many characters of HTML is reported: its page is as large, and slow to open. */
const HUGE_OUTPUT = 1_000_000;

/**
 * An output as the page shows it; `pre` when it shows text in a `<pre>`: the text, the `<pre>`'s
 * class, and the output's HTML made around another `<pre>` (searching the page's HTML for it would
 * copy megabytes).
 */
export interface ShownOutput {
  readonly html: string;
  /** The output as feeds show it, when not as the page does (a live chart's data left out). */
  readonly feed?: string;
  readonly pre?: { readonly text: string; readonly className: string; readonly around: (preHtml: string) => string };
}

/**
 * Stands for a cell's outputs in its section while the notebook renders, when feeds show them
 * otherwise: `renderNotebook` puts in the page's or the feeds' outputs. The rest of a code cell's
 * section is escaped code and fixed markup, so this markup is found there only where it was put.
 */
export const OUTPUTS_PLACEHOLDER = '<bp-cell-outputs>';

/** What one notebook's rendering keeps for its feed copy. */
export interface FeedCuts {
  /** Characters of output HTML the feed copy may still take. */
  left: number;
  /** By cell index: the cell's outputs as the page has them, and as feeds have them. */
  readonly cells: Map<number, { readonly page: string; readonly feed: string }>;
  /** Cells with an output of `HUGE_OUTPUT` or more: index, id, the output's length. */
  readonly huge: { readonly index: number; readonly id: string; readonly size: number }[];
}

export function createFeedCuts(): FeedCuts {
  return { left: FEED_OUTPUTS_LIMIT, cells: new Map(), huge: [] };
}

/** `1 line`, `1,234 lines`. */
export const count = (n: number, what: string): string => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** Lines of `text`, a last line without its newline counted. */
export function linesIn(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/**
 * The first `lines` lines of `text`, within `chars` characters: whole lines, or the first line cut
 * where it is too long, never inside a surrogate pair or next to an escape sequence it would split.
 */
export function headOf(text: string, lines: number, chars: number): string {
  let end = 0;
  for (let n = 0; n < lines && end < text.length; n++) {
    const newline = text.indexOf('\n', end);
    const next = newline === -1 ? text.length : newline + 1;
    if (next > chars) return n > 0 ? text.slice(0, end) : cutLine(text, chars);
    end = next;
  }
  return text.slice(0, end);
}

function cutLine(text: string, chars: number): string {
  let end = chars;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  // Escape sequences are short: one starting near the cut could be split, and its tail shown as text.
  const esc = text.lastIndexOf('\x1b', end - 1);
  if (esc !== -1 && end - esc <= 32) end = esc;
  return text.slice(0, end);
}

function note(what: string, place: CellPlace): string {
  return html`<p class="output-note">Left out of this feed: ${what}. <a href="#${cellAnchor(place.id)}">See the whole output on the page</a></p>`
    .value;
}

/** A text output cut to its first lines, with the note on what follows; `undefined` when nothing follows. */
function cutText(pre: NonNullable<ShownOutput['pre']>, collapseLines: number, place: CellPlace): string | undefined {
  const head = headOf(pre.text, Math.max(1, Math.min(COLLAPSED_HEAD_LINES, collapseLines)), FEED_HEAD_CHARS);
  const rest = pre.text.slice(head.length);
  if (rest === '') return undefined;
  const shown = head === '' ? '' : renderPreText(head, pre.className, collapseLines);
  const what = `${head === '' ? 'this output' : 'the rest of this output'}, ${count(linesIn(rest), 'line')} (${formatBytes(Buffer.byteLength(rest))})`;
  return pre.around(`${shown}${note(what, place)}`);
}

/**
 * The outputs of one cell as feeds show them (see the top of this file), `undefined` when that is
 * as the page shows them. Spends `cuts.left`, and remembers huge outputs for the warning. Sizes are
 * string lengths: measuring megabytes of HTML in bytes would copy them first.
 */
export function feedOutputs(
  shown: readonly ShownOutput[],
  cuts: FeedCuts,
  place: CellPlace,
  collapseLines: number,
): string | undefined {
  const parts: string[] = [];
  let cut = false;
  let pending: ShownOutput[] = [];
  // Outputs left out one after another share one note, unless they are shorter than it.
  const flush = (): void => {
    if (pending.length === 0) return;
    const size = pending.reduce((n, s) => n + (s.feed ?? s.html).length, 0);
    const what =
      pending.length === 1
        ? `an output of ${formatBytes(size)}`
        : `${count(pending.length, 'output')} (${formatBytes(size)})`;
    const line = html`<div class="output">${trusted(note(what, place))}</div>`.value;
    if (size <= line.length) parts.push(...pending.map((s) => s.feed ?? s.html));
    else {
      parts.push(line);
      cut = true;
    }
    pending = [];
  };
  const keep = (part: string): void => {
    flush();
    parts.push(part);
    cuts.left = Math.max(0, cuts.left - part.length);
  };
  for (const s of shown) {
    cut ||= s.feed !== undefined;
    const size = (s.feed ?? s.html).length;
    if (s.html.length >= HUGE_OUTPUT && !cuts.huge.some((h) => h.index === place.index))
      cuts.huge.push({ index: place.index, id: place.id, size: s.html.length });
    if (size <= Math.min(FEED_OUTPUT_LIMIT, cuts.left)) keep(s.feed ?? s.html);
    else if (!s.pre || cuts.left === 0) pending.push(s);
    else {
      // A text whose first lines are all of it is kept whole: it is short, however it is coloured.
      const text = cutText(s.pre, collapseLines, place);
      keep(text ?? s.html);
      cut ||= text !== undefined;
    }
  }
  flush();
  return cut ? parts.join('') : undefined;
}
