// Heading ids the way GitHub makes them: lowercase, letters (any script), digits, `_` and `-`
// kept, other punctuation dropped, each space a `-`; repeats get `-1`, `-2`, …; never empty.
import type { Slugger } from './types.js';

const DROPPED = /[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu;

/** The GitHub-style slug of `text`, without de-duplication (`''` when nothing is left). */
export function slugify(text: string): string {
  return text.trim().toLowerCase().replace(DROPPED, '').replace(/\s/g, '-');
}

/** A slugger for one document: every id it returns is unique within that document. */
export function createSlugger(): Slugger {
  const used = new Map<string, number>();
  return {
    slug(text: string): string {
      const base = slugify(text) || 'section';
      let id = base;
      let n = used.get(base) ?? 0;
      while (used.has(id)) id = `${base}-${++n}`;
      used.set(base, n);
      used.set(id, used.get(id) ?? 0);
      return id;
    },
  };
}
