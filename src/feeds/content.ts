// Feed item HTML: the page body with every URL made absolute (feed readers have no base URL),
// SVG diagrams swapped for their PNG fallback (readers drop SVG), and a "Run this" link on top.
// Input is our own sanitized HTML: tags are well formed, attribute values quoted.
import { withoutLiveData } from '../render/live-charts.js';
import { decodeEntities, escapeHtml, html } from '../util/html.js';
import type { FeedItem } from './types.js';

/** A start tag with its attributes (quoted values may hold `>`). */
const START_TAG =
  /<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)(\s*\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster']);
/** Attributes that can need a rewrite (`srcset` contains `src`): most tags (code tokens) have none. */
const MAYBE_URL = /href|src|poster|data-png/i;

/** Resolves one URL against the base; absolute URLs (any scheme, data: included) stay as they are. */
function resolveUrl(value: string, baseUrl: string): string {
  const url = value.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return value;
  return URL.canParse(url, baseUrl) ? new URL(url, baseUrl).href : value;
}

/** `srcset` candidates (`url [descriptor]`, comma-separated), parsed as the HTML spec does. */
function resolveSrcset(value: string, baseUrl: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i] as string)) i++;
    if (i >= value.length) break;
    let end = i;
    while (end < value.length && !/\s/.test(value[end] as string)) end++;
    let url = value.slice(i, end);
    let descriptor = '';
    i = end;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      while (i < value.length && (value[i] !== ',' || depth > 0)) {
        if (value[i] === '(') depth++;
        else if (value[i] === ')') depth--;
        descriptor += value[i];
        i++;
      }
      i++;
    }
    const resolved = resolveUrl(url, baseUrl);
    out.push(descriptor.trim() ? `${resolved} ${descriptor.trim()}` : resolved);
  }
  return out.join(', ');
}

type Attr = [name: string, value: string | undefined];

function parseAttributes(source: string): Attr[] {
  return [...source.matchAll(ATTRIBUTE)].map((m) => [m[1] as string, m[2] ?? m[3] ?? m[4]]);
}

/** `<img data-png="X">` → `<img src="X">` (the PNG rendering of an SVG figure or diagram). */
function preferPng(attrs: Attr[]): Attr[] {
  const png = attrs.find(([name]) => name.toLowerCase() === 'data-png')?.[1];
  if (png === undefined) return attrs;
  const rest = attrs.filter(([name]) => !['data-png', 'src', 'srcset'].includes(name.toLowerCase()));
  return [['src', png], ...rest];
}

function rewriteTag(tag: string, name: string, attrSource: string, close: string, baseUrl: string): string {
  const original = parseAttributes(attrSource);
  let attrs = name.toLowerCase() === 'img' ? preferPng(original) : original;
  let changed = attrs !== original;
  attrs = attrs.map(([attr, raw]): Attr => {
    if (raw === undefined) return [attr, raw];
    const key = attr.toLowerCase();
    const value = decodeEntities(raw);
    if (!URL_ATTRIBUTES.has(key) && key !== 'srcset') return [attr, value];
    const next = key === 'srcset' ? resolveSrcset(value, baseUrl) : resolveUrl(value, baseUrl);
    if (next !== value) changed = true;
    return [attr, next];
  });
  if (!changed) return tag;
  const body = attrs.map(([attr, value]) => (value === undefined ? ` ${attr}` : ` ${attr}="${escapeHtml(value)}"`));
  return `<${name}${body.join('')}${close.includes('/') ? ' /' : ''}>`;
}

const CELL_OR_PLAYER_END = /<section class="cell[^"]*" id="([^"]*)"|<\/(video|audio)>/g;

/**
 * A link to its cell on the page after every `<video>` and `<audio>`: many readers drop players
 * (and a feed's media may be too large to fetch), so the reader is told where to play it.
 */
function linkPlayers(htmlText: string): string {
  if (!/<\/(?:video|audio)>/.test(htmlText)) return htmlText;
  let cell = '';
  return htmlText.replace(CELL_OR_PLAYER_END, (whole: string, id: string | undefined, player: string | undefined) => {
    if (id !== undefined) cell = id;
    return player === undefined
      ? whole
      : `${whole}<p class="output-note"><a href="#${cell}">Play the ${player} on the page</a></p>`;
  });
}

/**
 * Rewrites `href`, `src`, `srcset` and `poster` URLs against `baseUrl`; `#frag` links point at
 * `baseUrl#frag`; absolute and `data:` URLs are kept; `<img data-png>` switches to the PNG.
 */
export function absolutizeHtml(htmlText: string, baseUrl: string): string {
  return withBase(urlTagsOf(htmlText), htmlText, baseUrl);
}

/** The HTML cut around the start tags whose attributes may hold a URL: `text` has one more part than `tags`. */
export interface UrlTags {
  readonly text: readonly string[];
  readonly tags: readonly (readonly [tag: string, name: string, attrSource: string, close: string])[];
}

function urlTagsOf(htmlText: string): UrlTags {
  const text: string[] = [];
  const tags: [string, string, string, string][] = [];
  let last = 0;
  // The matches `String.replace` would visit, found with `exec` (replace builds a string we do not need).
  START_TAG.lastIndex = 0;
  for (let m = START_TAG.exec(htmlText); m; m = START_TAG.exec(htmlText)) {
    const attrSource = m[2] as string;
    if (!MAYBE_URL.test(attrSource)) continue;
    text.push(htmlText.slice(last, m.index));
    tags.push([m[0], m[1] as string, attrSource, m[3] as string]);
    last = m.index + m[0].length;
  }
  text.push(htmlText.slice(last));
  return { text, tags };
}

function withBase(cut: UrlTags, htmlText: string, baseUrl: string): string {
  if (cut.tags.length === 0) return htmlText;
  const out = [cut.text[0] as string];
  cut.tags.forEach(([tag, name, attrSource, close], i) => {
    out.push(rewriteTag(tag, name, attrSource, close, baseUrl), cut.text[i + 1] as string);
  });
  return out.join('');
}

/**
 * The cut HTML of the last items made, by `contentKey`: a notebook copied to several branches is
 * the same HTML in every branch's feed under a different base URL, and reading and cutting it cost
 * several times more than rewriting its few URL tags. At most RECENT are kept (a feed or two).
 * One per set of feeds made together (see site/feed-files.ts), carried by their items.
 */
export type RecentContent = Map<string, { readonly cut: UrlTags; readonly html: string }>;
const RECENT = 24;

/** The page's HTML as feeds carry it: players linked to their cells, no live chart data. */
function feedBody(htmlText: string): string {
  return withoutLiveData(linkPlayers(htmlText));
}

function absolutizeItem(item: FeedItem): string {
  const key = item.contentKey;
  const recent = item.recentContent;
  if (key === undefined || recent === undefined) return absolutizeHtml(feedBody(item.contentHtml), item.url);
  let known = recent.get(key);
  if (known) recent.delete(key);
  else {
    const html = feedBody(item.contentHtml);
    known = { cut: urlTagsOf(html), html };
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  }
  recent.set(key, known);
  return withBase(known.cut, known.html, item.url);
}

/** The visible "Run this" line at the top of every feed item. */
export function runThisHtml(launchUrl: string, badgeUrl: string): string {
  return html`<p><a href="${launchUrl}"><img src="${badgeUrl}" alt="Run this notebook in Binder"></a> <a href="${launchUrl}">Run this notebook</a></p>`
    .value;
}

/** The HTML body of a feed item: Run-this line, then the page (full) or its summary. */
export function itemContentHtml(item: FeedItem, mode: 'full' | 'summary'): string {
  const body = mode === 'full' ? absolutizeItem(item) : html`<p>${item.summary}</p>`.value;
  return `${runThisHtml(item.launchUrl, item.badgeUrl)}\n${body}`;
}
