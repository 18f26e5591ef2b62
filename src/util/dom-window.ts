// One jsdom window for the process, made on first use: the SVG checks parse and serialize with
// it, DOMPurify sanitizes in it. jsdom takes half a second to import and most builds never need
// it; it is CommonJS, so it loads synchronously where it is first asked for.
import { createRequire } from 'node:module';
import type { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);
let window: JSDOM['window'] | undefined; // the process's one window (see above); callers leave nothing in it

export function domWindow(): JSDOM['window'] {
  // Not `new (require(…) as T).JSDOM()`: TypeScript 7 drops those parentheses when it emits.
  const { JSDOM: Dom } = require('jsdom') as typeof import('jsdom');
  window ??= new Dom('<!DOCTYPE html><html><head></head><body></body></html>').window;
  return window;
}
