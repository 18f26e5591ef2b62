// Links from a notebook to a section of another (`other.ipynb#Section-Two`, as Jupyter names
// anchors) are pointed at the id that heading has on the other page. A notebook's HTML is rendered
// and cached on its own, in any order and on any thread, so it keeps the link as written; the
// mapping is made when its page is written, from the headings every rendered notebook of the build
// recorded. Pure.
import { anchorMap, mapPageAnchors, type AnchorMap } from '../render/jupyter-anchors.js';
import { notebookPagePath, relativeUrl } from '../site/paths.js';
import type { NotebookSummary } from './render-pass.js';

export interface PageAnchors {
  /** The anchor map of each notebook page the page links to, by the URL the renderer wrote. */
  readonly pages: ReadonlyMap<string, AnchorMap>;
  /** Names what the mapping depends on, for the page's fingerprint ('' when nothing is mapped). */
  readonly key: string;
}

const NONE: PageAnchors = { pages: new Map(), key: '' };

/**
 * The pages `summary` links to that have headings to map, with `targetOf(path)` the summary of
 * the notebook at that path in the same build; `maps` memoizes each target's anchor map.
 */
export function pageAnchors(
  summary: NotebookSummary,
  targetOf: (path: string) => NotebookSummary | undefined,
  maps: WeakMap<NotebookSummary, AnchorMap>,
): PageAnchors {
  const pages = new Map<string, AnchorMap>();
  const from = notebookPagePath(summary.ref.path);
  // The answers the renderer recorded are the links it made (sorted: the key is stable).
  for (const [path, answer] of summary.entry.links) {
    if (answer !== 'n') continue;
    const target = targetOf(path);
    if (!target?.entry.meta) continue; // no page is written for it
    let map = maps.get(target);
    if (!map) maps.set(target, (map = anchorMap(target.entry.headings)));
    if (map.byJupyter.size > 0) pages.set(relativeUrl(from, notebookPagePath(path)), map);
  }
  if (pages.size === 0) return NONE;
  return { pages, key: JSON.stringify([...pages].map(([url, map]) => [url, [...map.byJupyter]])) };
}

/**
 * The notebook's HTML (its UTF-8 bytes) with its links to other pages' Jupyter-style anchors
 * mapped. Decoded only when it holds such a link with a fragment: pages take the bytes as they are.
 */
export function withPageAnchors(html: Buffer, anchors: PageAnchors): Buffer {
  const urls = [...anchors.pages.keys()];
  if (!urls.some((url) => html.includes(`href="${url}#`) || html.includes(`href="${url}?`))) return html;
  return Buffer.from(mapPageAnchors(html.toString('utf8'), anchors.pages));
}
