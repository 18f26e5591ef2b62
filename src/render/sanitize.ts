// The last step for untrusted HTML (text/html outputs, raw cells, markdown with its raw HTML) and
// for SVG written as image files: DOMPurify 3 on one lazily created jsdom window, with our URL,
// CSS and element policy added as hooks. Never re-parse the result: insert it as it is.
import { createRequire } from 'node:module';
import type { Config, DOMPurify } from 'dompurify';
import type { JSDOM } from 'jsdom';
import { domWindow } from '../util/dom-window.js';
import { escapeHtml } from '../util/html.js';

// DOMPurify and the jsdom window load on first need (most builds have none: plain tables and
// markdown without raw HTML take the fast paths); DOMPurify is CommonJS, so synchronously.
const require = createRequire(import.meta.url);

const SVG_NS = 'http://www.w3.org/2000/svg';

// ─── URL and CSS policy ─────────────────────────────────────────────────────────────────────

/** Characters browsers ignore inside URLs (`java&#x09;script:` is `javascript:` to them). */
const IGNORED_IN_URL = /[\u0000-\u0020\u007F-\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000\uFEFF]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const RASTER_DATA_URI = /^data:image\/(?:png|jpeg|jpg|gif|webp);base64,[a-z0-9+/=]*$/i;
/** Base64 audio or video, as IPython embeds it (`data:audio/wav;base64,…`), parameters allowed (`;codecs=vp8`). */
export const MEDIA_DATA_URI =
  /^data:(?:audio|video)\/[a-z0-9.+-]+(?:;[a-z0-9.+-]+=[a-z0-9.+-]+)*;base64,[a-z0-9+/=]*$/i;

/**
 * `link`: http(s), mailto, relative; `image`: also base64 raster data; `fragment`: `#id` or raster
 * data; `media` (what a player plays): https, relative or base64 audio/video data, as the page's
 * `media-src` allows (plain http would be blocked as mixed content on an https site).
 */
export type UrlKind = 'link' | 'image' | 'fragment' | 'media';

/** Whether `url` may appear in an attribute of the given kind. */
export function isSafeUrl(url: string, kind: UrlKind): boolean {
  const compact = url.replace(IGNORED_IN_URL, '');
  if (kind === 'fragment') return compact.startsWith('#') || RASTER_DATA_URI.test(compact);
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (kind === 'media') return scheme === undefined || scheme === 'https' || MEDIA_DATA_URI.test(compact);
  if (scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto') return true;
  return kind === 'image' && RASTER_DATA_URI.test(compact);
}

const CSS_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
const CSS_URL = /url\(\s*(['"]?)([^'")]{0,4096})\1\s*\)/gi;
/** Longer `style` attributes are dropped: nobody writes them, and they would slow the checks down. */
const MAX_STYLE = 16_384;
/**
 * CSS that loads something: the functions that take a URL (`image-set()` and `src()` also take it
 * as a plain string; vendor prefixes end in these names), `@import`, and the legacy script hooks.
 * Checked after comments are removed (`ur`, a comment, `l(` is `url(` to this check) and only on
 * CSS without backslashes, so no escape (`u\72l(`) can spell them in disguise.
 */
const CSS_FETCH =
  /(?:url|image-set|image|cross-fade|element|src)\s*\(|@import|expression\s*\(|-moz-binding|behavior\s*:|javascript:|vbscript:/i;

/** Whether a piece of CSS loads nothing: no URL but `#fragment`s and base64 raster `data:` images. */
function loadsNothing(css: string): boolean {
  return !CSS_FETCH.test(
    css.replace(CSS_URL, (whole: string, _q: string, target: string) => (isSafeUrl(target, 'fragment') ? '' : whole)),
  );
}

/** A declaration list split at its top-level `;` (not those inside quotes or parentheses, as in a `data:` URL). */
function splitDeclarations(css: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (quote !== '') quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      parts.push(css.slice(start, i));
      start = i + 1;
    }
  }
  return [...parts, css.slice(start)];
}

/**
 * A `style` attribute made safe, or `undefined` to drop it. CSS loads nothing from anywhere: a
 * declaration that would (`url()` but of a `#fragment` or a base64 raster image, `image-set()`,
 * `cursor`, `list-style-image`, a custom property holding one…) is dropped, and a style with a
 * backslash is dropped whole, since an escape can hide any of them. `position: fixed` becomes
 * static: no overlays.
 */
function cleanStyle(style: string): string | undefined {
  if (style.length > MAX_STYLE || style.includes('\\')) return undefined;
  const css = style.replace(CSS_COMMENT, '');
  const declarations = splitDeclarations(css);
  const kept = declarations.filter(loadsNothing);
  const clean =
    kept.length === declarations.length
      ? css
      : kept
          .map((d) => d.trim())
          .filter(Boolean)
          .join('; ');
  const out = clean.replace(/position\s*:\s*fixed/gi, 'position:static').trim();
  return out === '' ? undefined : out;
}

/** An SVG `<style>` sheet for an image file: no comments, escapes, `@import`, nor anything that loads but `url(#fragment)` and raster `data:`. */
function cleanStylesheet(css: string): string {
  const kept: string[] = [];
  return css
    .replace(/\u0000|\\/g, '')
    .replace(CSS_COMMENT, '')
    .replace(/@import[^;]*;?/gi, '')
    .replace(CSS_URL, (whole: string, _q: string, target: string) =>
      isSafeUrl(target, 'fragment') ? `\u0000${kept.push(whole) - 1}\u0000` : 'none',
    )
    .replace(/(?:url|image-set|image|cross-fade|element|src)\s*\(/gi, 'none(')
    .replace(/\u0000(\d+)\u0000/g, (_m: string, i: string) => kept[Number(i)] ?? '');
}

/** Longest style sheet read for id rules (pandas writes about 100 bytes a styled cell). */
const MAX_ID_SHEET = 1_000_000;
const ID_SELECTOR = /^#[A-Za-z_][\w-]*$/;

/**
 * The rules of a `<style>` sheet whose selectors are all plain ids, as declarations by id: how
 * pandas' Styler colours cells (`#T_5f3a1_row0_col1, #T_5f3a1_row1_col0 { background-color: … }`).
 * The sheet itself is dropped, like every `<style>`; these rules are kept as the elements' `style`
 * attributes, which are checked like any other. Rules in at-rules (`@media`) and rules with any
 * other selector are left out.
 */
function idRules(sheet: string): Map<string, string> {
  const rules = new Map<string, string>();
  if (sheet.length > MAX_ID_SHEET) return rules;
  const css = sheet.replace(CSS_COMMENT, '');
  let depth = 0;
  let start = 0;
  let selector = '';
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '{') {
      if (depth === 0) {
        selector = css.slice(start, i);
        start = i + 1;
      }
      depth++;
    } else if (c === '}') {
      if (depth === 0) return rules; // unbalanced: read no further
      depth--;
      if (depth > 0) continue;
      const body = css.slice(start, i).replace(/\s+/g, ' ').trim().replace(/;+$/, '');
      start = i + 1;
      const ids = selector.split(',').map((part) => part.trim());
      if (body === '' || body.includes('{') || !ids.every((id) => ID_SELECTOR.test(id))) continue;
      for (const id of ids) rules.set(id.slice(1), addDeclarations(rules.get(id.slice(1)), body));
    } else if (c === ';' && depth === 0) start = i + 1; // `@charset …;` and the like
  }
  return rules;
}

const addDeclarations = (before: string | undefined, more: string): string => (before ? `${before}; ${more}` : more);

// ─── DOMPurify instances ────────────────────────────────────────────────────────────────────

const URL_ATTRS = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'background',
  'cite',
  'longdesc',
  'data',
  'codebase',
  'dynsrc',
  'lowsrc',
]);

/** Rewrites a URL (attribute `attr` of element `tag`) before the policy checks it; `undefined` drops it. */
export type RewriteUrl = (url: string, place: { readonly tag: string; readonly attr: string }) => string | undefined;

/** What an audio or video player lost: an attribute and its value, or (no `attr`) the player itself, left with nothing to play. */
export interface DroppedMedia {
  readonly tag: string;
  readonly attr?: string;
  readonly value?: string;
}

export interface MediaHandling {
  /** Maps the `src` of `<video>`, `<audio>` and their `<source>` before it is checked (a `data:` URL to an asset file's). */
  readonly rewrite?: (url: string) => string;
  /** Told of everything a player loses. */
  readonly dropped?: (what: DroppedMedia) => void;
}

export interface SanitizeOptions {
  readonly rewriteUrl?: RewriteUrl;
  readonly media?: MediaHandling;
  /** Hears how deep HTML that is too deeply nested to parse was (it is shown as its source). */
  readonly tooDeep?: (depth: number) => void;
}

/**
 * Elements nested deeper than this are not parsed: the HTML parser's formatting-element and table
 * rules make deep nesting quadratic (2,000 unclosed `<b>` then `<p>`: 6.5 s; 2,000 nested tables:
 * 23 s, 8,000: over two minutes). Real outputs nest far less (a pandas table about 6, KaTeX about 30).
 */
export const MAX_HTML_NESTING = 512;
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * How deep `html`'s elements nest, read in one pass as if every start tag opened an element (an
 * unclosed `<b>` nests what follows, as the parser's formatting rules make it), stopping once
 * past `limit`. Comments and the text of script and style are skipped.
 */
export function htmlNesting(html: string, limit = MAX_HTML_NESTING): number {
  const tag =
    /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(tag)) {
    if (m[3] === undefined) continue;
    if (m[2] === '/') depth = Math.max(0, depth - 1);
    else if (m[4] !== '/' && !VOID_ELEMENTS.has(m[3].toLowerCase())) deepest = Math.max(deepest, ++depth);
    if (deepest > limit) break;
  }
  return deepest;
}

const HTML_CONFIG: Config = {
  USE_PROFILES: { html: true, mathMl: true },
  // KaTeX: MathML `semantics`/`annotation` (the TeX source), and the few SVG shapes its HTML uses.
  ADD_TAGS: ['semantics', 'annotation', 'svg', 'path', 'line'],
  ADD_ATTR: [
    'target',
    'loading',
    'encoding',
    'viewbox',
    'preserveaspectratio',
    'd',
    'x1',
    'y1',
    'x2',
    'y2',
    'stroke-width',
  ],
  FORBID_TAGS: [
    'script',
    'style',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'option',
    'optgroup',
    'datalist',
    'base',
    'meta',
    'link',
    'template',
    'noscript',
    'noembed',
    'noframes',
    'dialog',
    'portal',
    'fencedframe',
    'annotation-xml',
  ],
  FORBID_ATTR: [
    'srcdoc',
    'formaction',
    'action',
    'ping',
    'http-equiv',
    'method',
    'enctype',
    'popover',
    'popovertarget',
    'popovertargetaction',
    'command',
    'commandfor',
    'nonce',
    'integrity',
    'autofocus',
    'is',
  ],
  // Heading ids must stay as written: links in the table of contents point at them. Clobbering of
  // `document` is handled in the hook (only <img> can still do it once forms and embeds are gone).
  SANITIZE_DOM: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

const SVG_CONFIG: Config = {
  USE_PROFILES: { svg: true, svgFilters: true },
  ADD_TAGS: ['use'],
  FORBID_TAGS: ['script', 'foreignobject', 'iframe', 'animate', 'set', 'handler', 'listener'],
  FORBID_ATTR: ['ping'],
  SANITIZE_DOM: false,
  RETURN_DOM: true,
};

/** Sanitized `html`, read with the context of one call. */
type HtmlSanitizer = (html: string, call: HtmlCall) => string;

interface Sanitizers {
  readonly window: JSDOM['window'];
  readonly html: HtmlSanitizer;
  /** `html` for HTML with a style sheet: a leading `<style>` is parsed into the body, where its id rules are read, not into the head, where DOMPurify never looks. */
  readonly styled: HtmlSanitizer;
  readonly svg: DOMPurify;
}

/** What the hooks of one `sanitizeHtml` call read: its options, and what it has met so far. */
interface HtmlCall {
  readonly rewriteUrl: RewriteUrl | undefined;
  readonly media: MediaHandling | undefined;
  /** Id rules of the `<style>` sheets met so far. */
  readonly idRules: Map<string, string>;
}

/** Reads a `<style>` element's id rules before DOMPurify drops it. */
function collectIdRules(node: Node, data: { tagName: string }, rules: Map<string, string>): void {
  if (data.tagName !== 'style') return;
  for (const [id, css] of idRules(node.textContent ?? '')) rules.set(id, addDeclarations(rules.get(id), css));
}

/** An element's `style` with the id rules for it added (checked afterwards like any style). */
function applyIdRules(el: Element, rules: ReadonlyMap<string, string>): void {
  const id = el.getAttribute('id');
  const css = id === null ? undefined : rules.get(id);
  if (css !== undefined) el.setAttribute('style', addDeclarations(el.getAttribute('style') ?? undefined, css));
}

/** Removes what may load or run something; `dropped` is told of each attribute removed whole. */
function removeUnsafeAttributes(
  el: Element,
  kind: (attr: string) => UrlKind,
  dropped?: (attr: string, value: string) => void,
): void {
  const remove = (attr: Attr): void => {
    el.removeAttribute(attr.name);
    dropped?.(attr.name, attr.value);
  };
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    if (name.startsWith('on')) remove(attr);
    else if (name === 'style') {
      const clean = cleanStyle(attr.value);
      if (clean === undefined) remove(attr);
      else if (clean !== attr.value) el.setAttribute(attr.name, clean);
    } else if (URL_ATTRS.has(name) && !isSafeUrl(attr.value, kind(name))) remove(attr);
    else if (
      name === 'srcset' &&
      !attr.value.split(',').every((c) => isSafeUrl(c.trim().split(/\s+/)[0] ?? '', kind(name)))
    ) {
      remove(attr);
    } else if (el.namespaceURI === SVG_NS && /url\s*\(\s*['"]?(?!#)/i.test(attr.value)) remove(attr);
  }
}

/** Applies the call's `rewriteUrl` to `a[href]`, `area[href]` and `img[src]`, and its media `rewrite` to players' `src`, before DOMPurify checks them. */
function rewriteUrlHook(
  node: Element,
  data: { attrName: string; attrValue: string; keepAttr: boolean },
  call: HtmlCall,
): void {
  const tag = node.localName;
  const attr = data.attrName.toLowerCase();
  const { rewriteUrl, media } = call;
  if (
    attr === 'src' &&
    PLAYABLE.has(tag) &&
    media?.rewrite !== undefined &&
    node.namespaceURI === 'http://www.w3.org/1999/xhtml'
  ) {
    data.attrValue = media.rewrite(data.attrValue);
    return;
  }
  const applies = attr === 'href' ? tag === 'a' || tag === 'area' : attr === 'src' && tag === 'img';
  if (rewriteUrl === undefined || !applies || node.namespaceURI !== 'http://www.w3.org/1999/xhtml') return;
  const next = rewriteUrl(data.attrValue, { tag, attr });
  if (next === undefined) data.keepAttr = false;
  else data.attrValue = next;
}

function secureTarget(el: Element): void {
  const target = el.getAttribute('target');
  if (target === null) return;
  if (target.trim().toLowerCase() !== '_blank') {
    el.removeAttribute('target');
    return;
  }
  const rel = new Set((el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  rel.add('noopener').add('noreferrer');
  el.setAttribute('target', '_blank');
  el.setAttribute('rel', [...rel].join(' '));
}

/**
 * The rule for a URL attribute of an HTML element: what loads an image (`<img src>`, `srcset`,
 * `poster`) follows the `<img>` rule; the `background` attribute is CSS (a background image) and
 * follows its rule, which loads nothing; the rest are links.
 */
const htmlUrlKind =
  (tag: string) =>
  (attr: string): UrlKind =>
    attr === 'background'
      ? 'fragment'
      : (tag === 'img' && attr === 'src') || attr === 'srcset' || attr === 'poster'
        ? 'image'
        : attr === 'src' && (PLAYABLE.has(tag) || tag === 'track')
          ? 'media'
          : 'link';

function htmlAttributeHook(el: Element, call: HtmlCall, doc: Document): void {
  const tag = el.localName;
  applyIdRules(el, call.idRules);
  const report = call.media?.dropped;
  removeUnsafeAttributes(
    el,
    htmlUrlKind(tag),
    report !== undefined && inPlayer(el) ? (attr, value) => report({ tag, attr, value }) : undefined,
  );
  if (PLAYERS.has(tag)) waitForPlay(el);
  if (tag === 'source' && PLAYERS.has(el.parentElement?.localName ?? '') && !el.hasAttribute('src')) el.remove();
  secureTarget(el);
  if (el.hasAttribute('name') && tag !== 'a' && tag !== 'map') el.removeAttribute('name');
  const id = el.getAttribute('id');
  if (tag === 'img' && id !== null && id in doc) el.removeAttribute('id');
}

// ─── audio and video ────────────────────────────────────────────────────────────────────────

const PLAYERS = new Set(['video', 'audio']);
/** Elements whose `src` a player plays. */
const PLAYABLE = new Set(['video', 'audio', 'source']);
const REMOTE = /^(?:https:|\/\/)/i;

/** Whether an element is a player or a `<source>` or `<track>` of one (not of a `<picture>`). */
const inPlayer = (el: Element): boolean =>
  PLAYERS.has(el.localName) ||
  ((el.localName === 'source' || el.localName === 'track') && el.parentElement?.localName !== 'picture');

/** Tells `dropped` of the attributes DOMPurify itself removed from players (event handlers, URLs of other schemes). */
function tellRemoved(removed: DOMPurify['removed'], dropped: (what: DroppedMedia) => void): void {
  for (const r of removed) {
    if (!('attribute' in r) || r.from.nodeType !== 1 || !inPlayer(r.from as Element)) continue;
    dropped({ tag: (r.from as Element).localName, attr: r.attribute?.name ?? '', value: r.attribute?.value ?? '' });
  }
}

/** The `src` of a player and of its `<source>` children, as written. */
const sourcesOf = (el: Element): string[] =>
  [el, ...Array.from(el.children).filter((c) => c.localName === 'source')]
    .map((s) => s.getAttribute('src'))
    .filter((s) => s !== null);

/**
 * A `<video>` or `<audio>` whose sources are all dropped is removed (an empty player says nothing),
 * and what it lost is told; its children are not sanitized after that, so its sources are told here.
 */
function dropSilentPlayer(node: Node, data: { tagName: string }, media: MediaHandling | undefined): void {
  const el = node as Element;
  if (!PLAYERS.has(data.tagName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') return;
  const sources = sourcesOf(el);
  if (sources.length === 0 || sources.some((src) => isSafeUrl(media?.rewrite?.(src) ?? src, 'media'))) return;
  for (const value of sources)
    media?.dropped?.({ tag: el.getAttribute('src') === value ? data.tagName : 'source', attr: 'src', value });
  media?.dropped?.({ tag: data.tagName });
  el.remove();
}

/**
 * A player with a source on another host loads nothing until the reader presses play: `preload`
 * becomes `none` and `autoplay` goes, so opening a page asks other hosts only for images.
 */
function waitForPlay(el: Element): void {
  if (!sourcesOf(el).some((src) => REMOTE.test(src.replace(IGNORED_IN_URL, '')))) return;
  el.setAttribute('preload', 'none');
  el.removeAttribute('autoplay');
}

/** Inline SVG survives only as KaTeX draws it: `<svg>` inside `.katex-html`, holding paths and lines. */
function keepKatexSvgOnly(node: Node): void {
  const el = node as Element;
  if (node.nodeType !== 1 || el.namespaceURI !== SVG_NS) return;
  const parent = el.parentElement;
  const ok =
    el.localName === 'svg'
      ? parent !== null && parent.namespaceURI !== SVG_NS && parent.closest('.katex-html') !== null
      : (el.localName === 'path' || el.localName === 'line') &&
        parent?.namespaceURI === SVG_NS &&
        parent.localName === 'svg';
  if (!ok) el.remove();
}

function svgAttributeHook(el: Element): void {
  removeUnsafeAttributes(el, (attr) =>
    attr === 'href' || attr === 'xlink:href' || attr === 'src' ? 'fragment' : 'link',
  );
  const animated = el.getAttribute('attributeName') ?? el.getAttribute('attributename');
  if (animated !== null && /href/i.test(animated)) el.remove();
  if (el.localName === 'style' && el.textContent !== null) el.textContent = cleanStylesheet(el.textContent);
}

/**
 * A DOMPurify instance for HTML with our hooks, as a function of the HTML and the call's context.
 * DOMPurify hands its hooks no value of the caller's but its config (a config passed with each
 * call is parsed again each call, and that parse is what `setConfig` saves), and sanitizing is
 * synchronous: so the context of the call in progress lives here, in this closure, set for the
 * one `sanitize` and restored after it (a rewriter that sanitizes in turn gets its own).
 */
function htmlPurifier(window: JSDOM['window'], config: Config): HtmlSanitizer {
  const createDOMPurify = require('dompurify') as typeof import('dompurify').default;
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.setConfig(config);
  let call: HtmlCall = { rewriteUrl: undefined, media: undefined, idRules: new Map() };
  purify.addHook('uponSanitizeElement', (node, data) => collectIdRules(node, data, call.idRules));
  purify.addHook('uponSanitizeElement', (node, data) => dropSilentPlayer(node, data, call.media));
  purify.addHook('afterSanitizeElements', keepKatexSvgOnly);
  purify.addHook('uponSanitizeAttribute', (node, data) => rewriteUrlHook(node, data, call));
  purify.addHook('afterSanitizeAttributes', (node) => htmlAttributeHook(node, call, window.document));
  return (html, next) => {
    const previous = call;
    call = next;
    try {
      const clean = purify.sanitize(html);
      if (next.media?.dropped !== undefined) tellRemoved(purify.removed, next.media.dropped);
      return clean;
    } finally {
      call = previous;
    }
  };
}

// Made on first need, then reused: the purifiers hold no state between calls (see `htmlPurifier`).
let sanitizers: Sanitizers | undefined;

function loadSanitizers(): Sanitizers {
  if (sanitizers) return sanitizers;
  const createDOMPurify = require('dompurify') as typeof import('dompurify').default;
  const window = domWindow();
  const html = htmlPurifier(window, HTML_CONFIG);
  const styled = htmlPurifier(window, { ...HTML_CONFIG, FORCE_BODY: true });
  const svg = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  svg.setConfig(SVG_CONFIG);
  svg.addHook('afterSanitizeAttributes', svgAttributeHook);
  sanitizers = { window, html, styled, svg };
  return sanitizers;
}

// ─── fast path: plain tables ────────────────────────────────────────────────────────────────
// jsdom needs ≈150 ms to parse a 100 KB DataFrame. HTML made only of balanced table and text
// elements with plain attributes is rebuilt here by construction instead (text and attribute
// values escaped, `<style>` dropped as DOMPurify drops it); anything else goes to DOMPurify.

const TABLE_BOXES = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'colgroup']);
/** Allowed parents: `block` = top level, div or a cell; `inline` = anywhere but a table box. */
const FAST_PARENTS: Readonly<Record<string, readonly string[] | 'block' | 'inline'>> = {
  caption: ['table'],
  colgroup: ['table'],
  thead: ['table'],
  tbody: ['table'],
  tfoot: ['table'],
  col: ['colgroup', 'table'],
  tr: ['table', 'thead', 'tbody', 'tfoot'],
  th: ['tr'],
  td: ['tr'],
  table: 'block',
  div: 'block',
  p: 'block',
  span: 'inline',
  b: 'inline',
  i: 'inline',
  em: 'inline',
  strong: 'inline',
  code: 'inline',
  sub: 'inline',
  sup: 'inline',
  small: 'inline',
  br: 'inline',
};
const BLOCK_PARENTS = new Set(['div', 'td', 'th', 'caption']);
const FAST_VOID = new Set(['br', 'col']);
const FAST_ATTRS = new Set([
  'class',
  'id',
  'style',
  'border',
  'colspan',
  'rowspan',
  'align',
  'valign',
  'title',
  'scope',
  'dir',
  'lang',
  'headers',
  'span',
]);
const FAST_TOKEN =
  /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>|[^<]+/y;
const FAST_ATTR = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
const ENTITY_OR_AMP = /&(?:#[0-9]{1,7};|#x[0-9a-f]{1,6};|[a-z][a-z0-9]{1,31};)?/gi;

function fastAttributes(source: string, idStyles: ReadonlyMap<string, string>): string | undefined {
  const values = new Map<string, string>();
  FAST_ATTR.lastIndex = 0;
  for (let m = FAST_ATTR.exec(source); m; m = FAST_ATTR.exec(source)) {
    const name = (m[1] ?? '').toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    if (value.includes('&')) return undefined;
    if (!values.has(name) && FAST_ATTRS.has(name)) values.set(name, value);
  }
  const extra = idStyles.get(values.get('id') ?? '');
  if (extra !== undefined) values.set('style', addDeclarations(values.get('style'), extra));
  let out = '';
  for (const [name, raw] of values) {
    const value = name === 'style' ? cleanStyle(raw) : raw;
    if (value !== undefined) out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

function fastText(text: string, parent: string | undefined): string | undefined {
  if (parent !== undefined && TABLE_BOXES.has(parent) && text.trim() !== '') return undefined;
  return text.replace(/>/g, '&gt;').replace(ENTITY_OR_AMP, (m) => (m === '&' ? '&amp;' : m));
}

/** Sanitized HTML of a plain table (or plain text), or `undefined` when DOMPurify must do it. */
function sanitizeTableFast(html: string): string | undefined {
  const stack: string[] = [];
  const idStyles = new Map<string, string>();
  let out = '';
  FAST_TOKEN.lastIndex = 0;
  while (FAST_TOKEN.lastIndex < html.length) {
    const m = FAST_TOKEN.exec(html);
    if (!m) return undefined;
    const tag = m[2]?.toLowerCase();
    const parent = stack[stack.length - 1];
    if (tag === undefined) {
      const text = fastText(m[0], parent);
      if (text === undefined) return undefined;
      out += text;
    } else if (tag === 'style' && m[1] === '') {
      const end = html.slice(FAST_TOKEN.lastIndex).search(/<\/style[\s/>]/i);
      const close = end < 0 ? -1 : html.indexOf('>', FAST_TOKEN.lastIndex + end);
      if (close < 0 || (parent !== undefined && TABLE_BOXES.has(parent))) return undefined;
      for (const [id, css] of idRules(html.slice(FAST_TOKEN.lastIndex, FAST_TOKEN.lastIndex + end)))
        idStyles.set(id, addDeclarations(idStyles.get(id), css));
      FAST_TOKEN.lastIndex = close + 1;
    } else if (m[1] === '/') {
      if (stack.pop() !== tag || (m[3] ?? '') !== '' || FAST_VOID.has(tag)) return undefined;
      out += `</${tag}>`;
    } else {
      const allowed = FAST_PARENTS[tag];
      if (allowed === undefined) return undefined;
      const fits =
        allowed === 'block'
          ? parent === undefined || BLOCK_PARENTS.has(parent)
          : allowed === 'inline'
            ? parent === undefined || !TABLE_BOXES.has(parent)
            : parent !== undefined && allowed.includes(parent);
      const attrs = fits ? fastAttributes(m[3] ?? '', idStyles) : undefined;
      if (attrs === undefined || (m[4] === '/' && !FAST_VOID.has(tag))) return undefined;
      out += `<${tag}${attrs}>`;
      if (!FAST_VOID.has(tag)) stack.push(tag);
    }
  }
  return stack.length === 0 ? out : undefined;
}

/**
 * Untrusted HTML made safe to insert into a page: HTML and MathML (KaTeX survives), no script,
 * style sheets (but for their plain id rules, see `idRules`), frames, forms, inline SVG, event
 * handlers or unsafe URLs; `target=_blank` links get `rel="noopener noreferrer"`. `rewriteUrl`
 * maps `a[href]`, `area[href]` and `img[src]` first. Audio and video play https, relative and
 * base64 audio/video `data:` URLs (`media` maps and hears of them, see `MediaHandling`).
 */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const fast = sanitizeTableFast(html);
  if (fast !== undefined) return fast;
  const depth = htmlNesting(html);
  if (depth > MAX_HTML_NESTING) {
    options.tooDeep?.(depth);
    return `<pre class="html-source">${escapeHtml(html.length > 4000 ? `${html.slice(0, 4000)}…` : html)}</pre>`;
  }
  const { html: plain, styled } = loadSanitizers();
  const sanitize = /<style/i.test(html) ? styled : plain;
  return sanitize(html, { rewriteUrl: options.rewriteUrl, media: options.media, idRules: new Map() });
}

const XML_PROLOG = /^\s*(?:<\?xml[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)?/i;

/**
 * An SVG document made safe to write as an image file (and to open on its own): no script,
 * foreignObject, event handlers, animation of links or references outside the file. Returns the
 * serialized `<svg>` (with its namespaces), or `undefined` when no `<svg>` element is left.
 */
export function sanitizeSvg(svg: string): string | undefined {
  const { window, svg: purify } = loadSanitizers();
  const body = purify.sanitize(svg.replace(XML_PROLOG, '')) as unknown as Element;
  const root = Array.from(body.children).find((el) => el.localName === 'svg' && el.namespaceURI === SVG_NS);
  return root ? new window.XMLSerializer().serializeToString(root) : undefined;
}
