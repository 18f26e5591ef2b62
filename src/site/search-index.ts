// The static search index: one entry per notebook, read by templates/static/site.js. Pure.
import type { NotebookPage } from './model.js';
import { decodeEntities } from '../util/html.js';

export interface SearchEntry {
  /** Title. */
  readonly t: string;
  /** Build title. */
  readonly b: string;
  /** Page path from the site root. */
  readonly u: string;
  /** Summary. */
  readonly s: string;
  /** Headings and body text, lowercased words. */
  readonly x: string;
}

const MAX_TEXT = 20_000;

/**
 * The text of all pages together is kept near this many characters: each page gets an equal share
 * (at most MAX_TEXT, at least MIN_SHARE: its title, tags, headings and the start of its text). A
 * browser downloads the whole index at the first search, and 10,000 notebooks at 20,000 characters
 * each would make it 200 MB.
 */
const TEXT_BUDGET = 8_000_000;
const MIN_SHARE = 1_000;

/** Characters of search text each of `pages` pages keeps. */
export function searchShare(pages: number): number {
  return Math.min(MAX_TEXT, Math.max(MIN_SHARE, Math.floor(TEXT_BUDGET / Math.max(1, pages))));
}

/** Visible text of our own sanitized HTML: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style|annotation)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<span class="katex-mathml">[\s\S]*?<\/span>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/**
 * A page's search text: its tags, headings and body text, lowercased, cut at MAX_TEXT. `html` is
 * the body as the page shows it (without the heading the page header stands in for).
 */
export function pageSearchText(page: {
  readonly tags: readonly string[];
  readonly headings: readonly { readonly text: string }[];
  readonly html: string;
}): string {
  return [page.tags.join(' '), page.headings.map((h) => h.text).join(' '), htmlToText(page.html)]
    .join(' ')
    .toLowerCase()
    .slice(0, MAX_TEXT);
}

/**
 * The index's bytes: `{"version":1,"entries":[{"t":…,"b":…,"u":…,"s":…,"x":…},…]}`, each page's
 * text given as its JSON string in UTF-8 (`textJson`, kept that way from when it was rendered).
 */
export function searchIndexBytes(
  site: { readonly builds: readonly { readonly title: string; readonly notebooks: readonly NotebookPage[] }[] },
  textJson: (nb: NotebookPage) => Uint8Array,
): Buffer {
  const parts: Uint8Array[] = [Buffer.from('{"version":1,"entries":[')];
  let first = true;
  for (const b of site.builds) {
    for (const n of b.notebooks) {
      // The entry's JSON up to its text: `{"t":…,"b":…,"u":…,"s":…` (its closing brace cut off).
      const head = JSON.stringify({ t: n.title, b: b.title, u: n.pagePath, s: n.summary }).slice(0, -1);
      parts.push(Buffer.from(`${first ? '' : ','}${head},"x":`), textJson(n), Buffer.from('}'));
      first = false;
    }
  }
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}

type PageWithHtml = NotebookPage & { readonly html: string };

/** The index of a site whose pages hold their HTML. */
export function buildSearchIndex(site: {
  readonly builds: readonly { readonly title: string; readonly notebooks: readonly PageWithHtml[] }[];
}): string {
  return searchIndexBytes(site, (n) => Buffer.from(JSON.stringify(pageSearchText(n as PageWithHtml)))).toString('utf8');
}
