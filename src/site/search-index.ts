// The static search index: one entry per notebook, read by templates/static/site.js. Pure.
import type { SiteModel } from './model.js';
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

export function buildSearchIndex(site: SiteModel): string {
  const entries: SearchEntry[] = site.builds.flatMap((b) =>
    b.notebooks.map((n) => ({
      t: n.title,
      b: b.title,
      u: n.pagePath,
      s: n.summary,
      x: [n.tags.join(' '), n.headings.map((h) => h.text).join(' '), htmlToText(n.html)].join(' ').toLowerCase().slice(0, MAX_TEXT),
    })),
  );
  return JSON.stringify({ version: 1, entries });
}
