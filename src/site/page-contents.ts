// The "On this page" contents of a notebook page: every heading the body still shows (all but the
// one the page header stands in for), nested by level. A textbook chapter has several level-1
// part headings after its title, skips levels (h1 then h3) and sometimes starts at h2; nesting goes
// by relative depth, so a skipped level is one step in, never an empty step.
import type { Heading } from '../types.js';

export interface ContentsEntry {
  readonly level: number;
  readonly text: string;
  readonly id: string;
  readonly children: readonly ContentsEntry[];
}

interface Open {
  readonly level: number;
  readonly text: string;
  readonly id: string;
  readonly children: Open[];
}

/**
 * The headings as a tree: each heading goes under the nearest heading before it of a lower level
 * (a smaller number), else to the top. `titleId` is the heading that became the page title.
 */
export function pageContents(headings: readonly Heading[], titleId?: string): ContentsEntry[] {
  const top: Open[] = [];
  const path: Open[] = [];
  for (const h of headings) {
    if (h.id === titleId) continue;
    while (path.length && path[path.length - 1]!.level >= h.level) path.pop();
    const entry: Open = { level: h.level, text: h.text, id: h.id, children: [] };
    (path.length ? path[path.length - 1]!.children : top).push(entry);
    path.push(entry);
  }
  return top;
}
