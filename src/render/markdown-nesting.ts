// How deep a markdown text nests lists and blockquotes, read before marked sees it. marked
// recurses once per level and re-lexes each item's text at every level: a list 300 levels deep
// took 3 s, 1,000 levels ran it out of memory (the process aborted), 5,000 `>` overflowed the
// stack. A cell nested deeper than `MAX_MARKDOWN_NESTING` is shown as its source instead.

/** Deepest nesting of lists and blockquotes rendered; real notebooks stay under 10. */
export const MAX_MARKDOWN_NESTING = 32;

/** The container markers a line opens with: `>`, `-`, `*`, `+`, `1.`, `1)`, each with its indentation. */
const MARKER = /[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))/y;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;

/** Columns of leading whitespace (a tab to the next multiple of 4). */
function columns(space: string): number {
  let n = 0;
  for (const c of space) n = c === '\t' ? n + 4 - (n % 4) : n + 1;
  return n;
}

/**
 * An estimate of the deepest nesting of lists and blockquotes in `markdown`, linear in its length:
 * the `>` markers and list markers a line opens with, plus the list items still open above it
 * (an item stays open while lines are indented at least to its marker). Lines of fenced code
 * count for nothing.
 */
export function markdownNesting(markdown: string): number {
  const open: number[] = []; // the indentation of each list item still open
  let fence: string | undefined;
  let deepest = 0;
  for (const line of markdown.split('\n')) {
    let at = 0;
    let markers = 0;
    let first = -1;
    MARKER.lastIndex = 0;
    for (let m = MARKER.exec(line); m !== null; m = MARKER.exec(line)) {
      if (first < 0) first = columns(m[0].slice(0, m[0].search(/\S/)));
      markers++;
      at = MARKER.lastIndex;
    }
    const rest = line.slice(at);
    const fenceMark = FENCE.exec(rest)?.[1];
    if (fence !== undefined) {
      if (fenceMark?.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fenceMark !== undefined) fence = fenceMark.slice(0, 3);
    if (line.trim() === '') continue;
    const indent = first >= 0 ? first : columns(/^[ \t]*/.exec(line)?.[0] ?? '');
    while (open.length > 0 && (open[open.length - 1] ?? 0) >= indent + (markers > 0 ? 0 : 1)) open.pop();
    deepest = Math.max(deepest, open.length + markers);
    if (markers > 0) open.push(indent);
  }
  return deepest;
}
