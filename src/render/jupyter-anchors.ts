// Jupyter names a heading's anchor after its text with spaces as `-`, case and punctuation kept
// (`## Fit: part 2` → `#Fit:-part-2`), and notebooks link to those anchors. Our ids are GitHub's
// (`#fit-part-2`). Links inside the page to a Jupyter-style anchor are pointed at our id, so
// they keep working; ids themselves stay unique and as the table of contents knows them. Links to
// another notebook's page are mapped the same way, once every page's headings are known. Pure.
import type { Heading } from '../types.js';
import { decodeEntities, escapeHtml } from '../util/html.js';

/** The anchor Jupyter gives a heading with this text. */
export function jupyterAnchor(text: string): string {
  return text.trim().replace(/ /g, '-');
}

function decode(fragment: string): string {
  const text = decodeEntities(fragment);
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A page's ids, and the id each Jupyter-style anchor that is not already an id stands for. */
export interface AnchorMap {
  readonly ids: ReadonlySet<string>;
  readonly byJupyter: ReadonlyMap<string, string>;
}

/** The anchor map of a page with these headings. */
export function anchorMap(headings: readonly Heading[]): AnchorMap {
  const ids = new Set(headings.map((h) => h.id));
  const byJupyter = new Map<string, string>();
  for (const h of headings) {
    const anchor = jupyterAnchor(h.text);
    if (!ids.has(anchor) && !byJupyter.has(anchor)) byJupyter.set(anchor, h.id);
  }
  return { ids, byJupyter };
}

/** The id `fragment` (as written in an href) should point at, or undefined to leave it. */
function mapped(fragment: string, map: AnchorMap): string | undefined {
  const target = decode(fragment);
  return map.ids.has(target) ? undefined : map.byJupyter.get(target);
}

/** `html` with `href="#Jupyter-Style"` links pointed at the id of the heading Jupyter would have named so. */
export function mapJupyterAnchors(html: string, headings: readonly Heading[]): string {
  if (headings.length === 0 || !html.includes('href="#')) return html;
  const map = anchorMap(headings);
  if (map.byJupyter.size === 0) return html;
  return html.replace(/href="#([^"]*)"/g, (whole, fragment: string) => {
    const id = mapped(fragment, map);
    return id === undefined ? whole : `href="#${escapeHtml(id)}"`;
  });
}

/**
 * `html` with `href="url#Jupyter-Style"` links to other pages pointed at the id of the heading
 * Jupyter would have named so, where `pages` knows `url` (as the renderer wrote it, with no query).
 */
export function mapPageAnchors(html: string, pages: ReadonlyMap<string, AnchorMap>): string {
  if (pages.size === 0) return html;
  return html.replace(
    /href="([^"#?]+)(\?[^"#]*)?#([^"]*)"/g,
    (whole, url: string, query: string | undefined, fragment: string) => {
      const map = pages.get(decodeEntities(url));
      const id = map && mapped(fragment, map);
      return id === undefined ? whole : `href="${url}${query ?? ''}#${escapeHtml(id)}"`;
    },
  );
}
