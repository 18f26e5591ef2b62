// A JSON syntax scanner (RFC 8259, the grammar `JSON.parse` accepts): finds where the first JSON
// value of a text ends, or the exact place it stops being JSON. Iterative, so deep nesting cannot
// overflow the stack; it builds no values (JSON.parse does that once the extent is known).

export type JsonScan =
  | { readonly ok: true; readonly end: number }
  | { readonly ok: false; readonly offset: number; readonly message: string };

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERALS = ['true', 'false', 'null'] as const;

function skipSpace(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    pos++;
  }
  return pos;
}

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the file';
  return JSON.stringify(text[pos]);
}

function scanString(text: string, pos: number): number {
  if (text[pos] !== '"') throw new ScanError(pos, `expected a string in double quotes, found ${describe(text, pos)}`);
  const start = pos++;
  for (;;) {
    STRING_RUN.lastIndex = pos;
    STRING_RUN.exec(text);
    pos = STRING_RUN.lastIndex;
    if (pos >= text.length)
      throw new ScanError(start, 'the string that starts here is never closed (the file may be cut off)');
    const c = text[pos];
    if (c === '"') return pos + 1;
    if (c !== '\\') throw new ScanError(pos, 'control character (such as a raw line break or tab) inside a string');
    ESCAPE.lastIndex = pos;
    if (!ESCAPE.test(text)) throw new ScanError(pos, 'invalid escape sequence in string');
    pos = ESCAPE.lastIndex;
  }
}

/** Scans one scalar value (string, number, literal) at `pos`; returns the offset after it. */
function scanScalar(text: string, pos: number): number {
  const c = text[pos];
  if (c === '"') return scanString(text, pos);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
    NUMBER.lastIndex = pos;
    if (NUMBER.test(text)) return NUMBER.lastIndex;
    throw new ScanError(pos, 'invalid number');
  }
  for (const word of LITERALS) if (text.startsWith(word, pos)) return pos + word.length;
  throw new ScanError(pos, `expected a value, found ${describe(text, pos)}`);
}

/** Scans `"key" :` and the space after it; returns the offset of the value. */
function scanKey(text: string, pos: number): number {
  pos = skipSpace(text, scanString(text, pos));
  if (text[pos] !== ':') throw new ScanError(pos, `expected ':' after property name, found ${describe(text, pos)}`);
  return skipSpace(text, pos + 1);
}

/** Offset after the containers closed at `pos` (and the next value's offset after a comma). */
function scanAfterValue(text: string, pos: number, stack: string[]): { pos: number; done: boolean } {
  for (;;) {
    if (stack.length === 0) return { pos, done: true };
    pos = skipSpace(text, pos);
    const top = stack[stack.length - 1];
    const close = top === '{' ? '}' : ']';
    if (text[pos] === close) {
      stack.pop();
      pos++;
      continue;
    }
    if (text[pos] !== ',') throw new ScanError(pos, `expected ',' or '${close}', found ${describe(text, pos)}`);
    pos = skipSpace(text, pos + 1);
    return { pos: top === '{' ? scanKey(text, pos) : pos, done: false };
  }
}

function scan(text: string, start: number): number {
  const stack: string[] = [];
  let pos = skipSpace(text, start);
  for (;;) {
    const c = text[pos];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      pos = skipSpace(text, pos + 1);
      if (text[pos] === close) pos++;
      else {
        stack.push(c);
        if (c === '{') pos = scanKey(text, pos);
        continue;
      }
    } else pos = scanScalar(text, pos);
    const next = scanAfterValue(text, pos, stack);
    if (next.done) return next.pos;
    pos = next.pos;
  }
}

/** Where the JSON value starting at or after `start` ends, or why it is not JSON. */
export function scanJsonValue(text: string, start = 0): JsonScan {
  try {
    return { ok: true, end: scan(text, start) };
  } catch (err) {
    if (err instanceof ScanError) return { ok: false, offset: err.offset, message: err.message };
    throw err;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first non-whitespace character at or after `pos` (`text.length` if none). */
export function skipJsonSpace(text: string, pos: number): number {
  return skipSpace(text, pos);
}
