// How deeply JSON nests, measured without recursion: a value or text nested 100 000 levels deep
// (a few hundred kB of brackets) overflows the stack of any recursive walk, `JSON.stringify`
// included, so every walk over untrusted JSON asks here first.

/** Nesting deeper than this is refused wherever untrusted JSON is walked. Real specs nest < 30. */
export const MAX_JSON_DEPTH = 1000;

/** True when a parsed JSON value has arrays or objects nested deeper than `limit`. */
export function jsonDeeperThan(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** True when JSON text opens brackets nested deeper than `limit` (strings are skipped). */
export function jsonTextDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
