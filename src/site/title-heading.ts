// The notebook's opening heading when it repeats the title: the page header's `<h1>` stands in for
// it. Found once, when the notebook is rendered: the HTML kept for pages, feeds and search is the
// body without it (render-unit.ts); the site model moves its id (and math) to the header.
import type { Heading } from '../types.js';

/**
 * The page header shows the title as its `<h1>`; when the notebook opens with the same heading
 * (where the title usually comes from), that heading is dropped from the body so it is not shown
 * twice, and its id moves to the header's h1 so links to it still land. A heading with math
 * gives the header its HTML too, so the math shows rendered there rather than as TeX.
 */
export function titleHeading(
  html: string,
  headings: readonly Heading[],
  title: string,
): { html: string; titleId?: string; titleHtml?: string } {
  const header = titleHeader(headings, title);
  const span = header.titleId === undefined ? undefined : headingSpan(html, header.titleId);
  return { html: span ? html.slice(0, span[0]) + html.slice(span[1]) : html, ...header };
}

/** What the page header takes from the title heading: its id, and its HTML when it holds math. */
export function titleHeader(headings: readonly Heading[], title: string): { titleId?: string; titleHtml?: string } {
  const titleId = titleHeadingId(headings, title);
  if (titleId === undefined) return {};
  const titleHtml = headings[0]?.html;
  return { titleId, ...(titleHtml === undefined ? {} : { titleHtml }) };
}

/** The id of the notebook's opening heading when it repeats the title (see `titleHeading`). */
export function titleHeadingId(
  headings: readonly { level: number; text: string; id: string; opens?: true }[],
  title: string,
): string | undefined {
  const first = headings[0];
  return first?.opens && first.level === 1 && first.text.trim() === title.trim() ? first.id : undefined;
}

/** Where the `<h1>` with this id starts and ends in `html` (string offsets). */
export function headingSpan(html: string, id: string): [number, number] | undefined {
  const start = html.indexOf(`<h1 id="${id}"`);
  const end = start === -1 ? -1 : html.indexOf('</h1>', start);
  if (end === -1) return undefined;
  // A cell that holds only the heading goes with it: no empty section is left where it was.
  const open = html.lastIndexOf('<section', start);
  const close = html.indexOf('</section>', end);
  if (
    open !== -1 &&
    close !== -1 &&
    /^<section\b[^>]*>(?:\s*<div\b[^>]*>)*\s*$/.test(html.slice(open, start)) &&
    /^(?:\s*<\/div>)*\s*$/.test(html.slice(end + 5, close))
  ) {
    return [open, close + '</section>'.length];
  }
  return [start, end + 5];
}
