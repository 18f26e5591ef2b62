// Audio and video in HTML outputs (`IPython.display.Audio(data)`, `Video(…, embed=True)`, hand-made
// `<video src="data:…">`): base64 media become content-hashed asset files, as images do, so a page
// and its feed items stay light (a one-minute WAV is 5 MB of base64), and what the sanitizer takes
// from a player is reported with its cell.
import type { CellPlace, RenderScope } from './sink.js';
import { decodeBase64 } from './images.js';
import { MAX_HTML_NESTING, MEDIA_DATA_URI, sanitizeHtml, type DroppedMedia } from './sanitize.js';

const MEDIA_TYPE = /^\s*data:((?:audio|video)\/[a-z0-9.+-]+)/i;
/** A URL with no scheme nor host: a file beside the notebook, which the site does not publish (of a branch's files, only images are copied). */
const BRANCH_FILE = /^\s*(?![a-z][a-z0-9+.-]*:|\/\/|#)\S/i;
/**
 * Base64 media as a quoted attribute value. They are swapped for their asset URLs before the HTML
 * is parsed: jsdom and DOMPurify took 3 s to read a 4 MB clip, while this scan takes milliseconds.
 */
const QUOTED_MEDIA_DATA = /(["'])\s*(data:(?:audio|video)\/[^"'\s>]*)\s*\1/gi;
/** Dropped URLs are quoted up to this many characters: a `data:` URL can be megabytes. */
const QUOTED_URL = 60;

/** A `data:` audio/video URL as the URL of an asset file holding its bytes; any other URL as it is. */
function assetUrlFor(url: string, scope: RenderScope): string {
  const type = MEDIA_TYPE.exec(url)?.[1];
  if (type === undefined || !MEDIA_DATA_URI.test(url.replace(/\s+/g, ''))) return url;
  const bytes = decodeBase64(url);
  return bytes === undefined || bytes.length === 0
    ? url
    : scope.env.assetUrl(scope.sink.addAsset(bytes, type.toLowerCase()));
}

function describe(d: DroppedMedia): string {
  if (d.attr === undefined) return `the <${d.tag}> player, left with nothing to play`;
  const value = d.value ?? '';
  const shown = value.length > QUOTED_URL ? `${value.slice(0, QUOTED_URL)}…` : value;
  return `${d.attr}="${shown}" of <${d.tag}>`;
}

/**
 * A `text/html` output sanitized (see `sanitizeHtml`), its players' `data:` media written as asset
 * files; anything a player lost (a URL it may not play, an event handler) is one warning naming the cell.
 */
export function sanitizeOutputHtml(value: string, scope: RenderScope, place: CellPlace): string {
  const tooDeep = (depth: number) => reportTooDeep(scope, place, 'The text/html output', depth);
  if (!/<(?:video|audio)\b/i.test(value)) return sanitizeHtml(value, { tooDeep });
  const dropped: DroppedMedia[] = [];
  const unpublished: string[] = [];
  // The sanitizer looks at a player's sources before and while it checks them: decode each once.
  const urls = new Map<string, string>();
  const assets = new Set<string>();
  const rewrite = (url: string): string => {
    let next = urls.get(url);
    if (next === undefined) urls.set(url, (next = assetUrlFor(url, scope)));
    if (next !== url) assets.add(next);
    else if (BRANCH_FILE.test(url) && !assets.has(url) && !unpublished.includes(url)) unpublished.push(url);
    return next;
  };
  const light = value.replace(QUOTED_MEDIA_DATA, (whole: string, quote: string, url: string) => {
    const next = rewrite(url);
    return next === url ? whole : `${quote}${next}${quote}`;
  });
  const clean = sanitizeHtml(light, { media: { rewrite, dropped: (d) => dropped.push(d) }, tooDeep });
  if (unpublished.length > 0) {
    scope.sink.report({
      rule: 'output-media-unpublished',
      severity: 'warning',
      cell: place.index,
      message: `The text/html output of cell ${place.index + 1} (${place.id}) plays ${unpublished.map((u) => JSON.stringify(u.trim())).join(', ')}, a file the site does not publish: its player stays empty.`,
      hint: 'Embed the media in the output (IPython.display.Video(path, embed=True), Audio(path)), or link it over https.',
    });
  }
  if (dropped.length > 0) {
    scope.sink.report({
      rule: 'output-media-dropped',
      severity: 'warning',
      cell: place.index,
      message: `The text/html output of cell ${place.index + 1} (${place.id}) holds audio or video the page does not play as written; left out: ${dropped.map(describe).join('; ')}.`,
      hint: 'Embed the media (IPython.display.Video(path, embed=True), Audio(data)) or link it over https; players keep no event handlers.',
    });
  }
  return clean;
}

/** HTML nested too deep to parse is shown as its source: say so, naming the cell. */
export function reportTooDeep(scope: RenderScope, place: CellPlace, what: string, depth: number): void {
  scope.sink.report({
    rule: 'html-too-deep',
    severity: 'warning',
    cell: place.index,
    message: `${what} of cell ${place.index + 1} (${place.id}) nests HTML elements ${depth > MAX_HTML_NESTING ? `over ${MAX_HTML_NESTING}` : depth} deep; it is shown as its source.`,
    hint: 'Close the elements the HTML opens (an unclosed <b> or <table> nests everything after it), or shorten it.',
  });
}
