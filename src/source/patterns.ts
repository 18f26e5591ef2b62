// Build selection by name: a pattern is a branch (or folder) name or a glob where `*` matches
// within one `/`-segment, `**` across segments, `?` one character. Matched against the full name.
import { BinderpressError } from '../io/errors.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a glob to an anchored RegExp. `**​/` also matches zero segments (`**​/intro` ⊇ `intro`). */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      const atSegmentStart = i === 0 || pattern[i - 1] === '/';
      source += slashAfter && atSegmentStart ? '(?:[^]*/)?' : '[^]*';
      i += slashAfter && atSegmentStart ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Whether `name` is selected by `pattern` (an exact name always matches itself). */
export function matchesPattern(name: string, pattern: string): boolean {
  return name === pattern || globToRegExp(pattern).test(name);
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
    const matched = sorted.filter((name) => matchesPattern(name, pattern));
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
