// Jupyter names a heading's anchor after its text with spaces as `-`, case and punctuation kept
// (`## Fit: part 2` → `#Fit:-part-2`), and notebooks link to those anchors. Our ids are GitHub's
// (`#fit-part-2`). Links inside the page to a Jupyter-style anchor are pointed at our id, so
// they keep working; ids themselves stay unique and as the table of contents knows them. Pure.
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

/** `html` with `href="#Jupyter-Style"` links pointed at the id of the heading Jupyter would have named so. */
export function mapJupyterAnchors(html: string, headings: readonly Heading[]): string {
  if (headings.length === 0 || !html.includes('href="#')) return html;
  const ours = new Set(headings.map((h) => h.id));
  const byJupyter = new Map<string, string>();
  for (const h of headings) {
    const anchor = jupyterAnchor(h.text);
    if (!ours.has(anchor) && !byJupyter.has(anchor)) byJupyter.set(anchor, h.id);
  }
  if (byJupyter.size === 0) return html;
  return html.replace(/href="#([^"]*)"/g, (whole, fragment: string) => {
    const target = decode(fragment);
    const id = ours.has(target) ? undefined : byJupyter.get(target);
    return id === undefined ? whole : `href="#${escapeHtml(id)}"`;
  });
}
