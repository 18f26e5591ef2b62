// Build selection by name: a pattern is a branch (or folder) name or a glob as picomatch reads it
// (the matcher of fast-glob and micromatch): `*` matches within one `/`-segment, `**` across
// segments, `?` one character, `[abc]` and `{a,b}` as in the shell; names starting with a dot are
// matched too. Matched against the full name; an exact name always matches itself.
import picomatch from 'picomatch';
import { BinderpressError } from '../io/errors.js';

/**
 * picomatch passes `(`, `)` and `|` through to the regular expression it builds, so `(x)|y`
 * would select `y`; they have no meaning in a branch glob, so they are taken literally.
 */
const REGEX_ONLY = /[()|]/g;

/** The test of whether a name is selected by `pattern` (an exact name always matches itself). */
export function patternMatcher(pattern: string): (name: string) => boolean {
  const glob = picomatch(pattern.replace(REGEX_ONLY, '\\$&'), { dot: true });
  return (name) => name === pattern || glob(name);
}

/** Whether `name` is selected by `pattern` (an exact name always matches itself). */
export function matchesPattern(name: string, pattern: string): boolean {
  return patternMatcher(pattern)(name);
}

/** Plain code-unit order, the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names for a message, the first 30 of them. */
export function listForHint(names: readonly string[]): string {
  const shown = names.slice(0, 30).join(', ');
  return names.length > 30 ? `${shown}, … (${names.length - 30} more)` : shown;
}

/**
 * The names selected by `patterns` (all names when none are given), sorted. A pattern that
 * selects nothing is fatal: it is almost always a typo, and building without it would be silent.
 * `kind` names the things for messages, e.g. `branch` or `folder`.
 */
export function selectByPatterns(
  names: readonly string[],
  patterns: readonly string[] | undefined,
  kind: string,
  where: string,
): string[] {
  const sorted = [...new Set(names)].sort(compareNames);
  if (!patterns || patterns.length === 0) return sorted;
  const selected = new Set<string>();
  for (const pattern of patterns) {
    const matched = sorted.filter(patternMatcher(pattern));
    if (matched.length === 0) {
      const plural = kind.endsWith('h') ? `${kind}es` : `${kind}s`;
      const available =
        sorted.length === 0 ? `${where} has no ${plural}` : `available ${plural}: ${listForHint(sorted)}`;
      // `--branches main,course/2024` is one pattern; the names are separated by spaces.
      const parts = pattern
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const listed = parts.length > 1 && parts.some((p) => sorted.some((name) => matchesPattern(name, p)));
      const hint = listed
        ? `separate names with spaces, not commas: --branches ${parts.map((p) => (/[*?\s]/.test(p) ? `'${p}'` : p)).join(' ')}; ${available}`
        : available;
      throw new BinderpressError(`no ${kind} in ${where} matches ${JSON.stringify(pattern)}`, { hint });
    }
    for (const name of matched) selected.add(name);
  }
  return sorted.filter((name) => selected.has(name));
}
