// Plain text from the short Markdown of metadata values (a title, a description, an author): links
// keep their text, images and HTML tags go (with the content of `<style>`, `<script>` and the
// like), code and math stay as written, whitespace collapses. A scanner of prose, not a CommonMark
// parser: the text of cells (headings, summaries) is read by marked's lexer instead
// (markdown-tokens.ts). Also `definesOnly`, which both use, and `truncateText`.
import { decodeEntities } from '../util/html.js';

/**
 * Code spans, display and inline math: kept as written (math with its delimiters, or without for
 * titles). `$…$` is math by the rules pages render it by (render/math.ts, pandoc's): no space inside
 * the dollars, no digit after, no backtick or blank line within; so `costs $5 and $10` is text.
 * Last, elements whose content is not text (`<script>`, `<style>`, `<template>`, `<noscript>`),
 * unclosed to the end: dropped whole.
 * Whichever starts first wins, so `<style>` in a code span is text.
 */
const PROTECTED =
  /(`+)([\s\S]*?[^`])\1(?!`)|(?<!\\)\$\$([\s\S]+?)\$\$|(?<!\\)\$(?![\s$])((?:\\[\s\S]|(?!\n[ \t]*\n)[^$\\`])*?)(?<!\s)\$(?!\d)|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|<(script|style|template|noscript)(?=[\s/>])[^>]*>[\s\S]*?(?:<\/\7\s*>|$)/gi;

/** How math comes out of `markdownToText`: as written, or its TeX alone (titles: `$x$` → `x`). */
export type MathText = 'source' | 'tex';

/** Backslash-escaped ASCII punctuation, parked in the private use area while markup is removed. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
const PARKED = /[\uE000-\uE07F]/g;

function stripProse(prose: string): string {
  const text = prose
    .replace(PARKED, '')
    .replace(ESCAPED, (_m, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
  const stripped = decodeEntities(
    text
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]/g, (_m, a?: string, b?: string) => a ?? b ?? '')
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
      .replace(/<\/?[a-zA-Z][^>]*>/g, '')
      .replace(/(\*\*|__)(\S(?:[\s\S]*?\S)?)\1/g, '$2')
      .replace(/\*(\S(?:[\s\S]*?\S)?)\*/g, '$1')
      .replace(/(^|[^\w])_(\S(?:[\s\S]*?\S)?)_(?!\w)/g, '$1$2')
      .replace(/~~(\S(?:[\s\S]*?\S)?)~~/g, '$1'),
  );
  return stripped.replace(PARKED, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
}

const DEFINER = /^\\(?:(?:new|renew|provide)command\*?|DeclareMathOperator\*?|def|gdef|let)(?![A-Za-z])/;

/** Where the `{…}` group that opens at `at` closes (just past it); -1 when it does not. */
function groupEnd(tex: string, at: number): number {
  let depth = 0;
  for (let i = at; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Whether `tex` only defines macros (`\newcommand{\R}{\mathbb{R}}`, `\def\x#1{…}`, …): such math
 * shows nothing on the page (a notebook's setup cell), so it is not text either.
 */
export function definesOnly(tex: string): boolean {
  let i = 0;
  let defined = false;
  const skipSpace = () => {
    while (i < tex.length && /\s/.test(tex[i] as string)) i++;
  };
  for (skipSpace(); i < tex.length; skipSpace()) {
    const command = DEFINER.exec(tex.slice(i));
    if (!command) return false;
    i += command[0].length;
    skipSpace();
    // The name: `{\R}` or `\R`; then anything up to the body (`[1]`, `[default]`, `#1#2`, `=`).
    if (tex[i] === '{') i = groupEnd(tex, i);
    else {
      const name = /^\\(?:[A-Za-z]+|.)/.exec(tex.slice(i));
      if (!name) return false;
      i += name[0].length;
    }
    if (i < 0) return false;
    if (command[0] === '\\let') {
      const target = /^\s*=?\s*(?:\\(?:[A-Za-z]+|.)|[^\\\s])/.exec(tex.slice(i));
      if (!target) return false;
      i += target[0].length;
    } else {
      while (i < tex.length && tex[i] !== '{') i++;
      i = groupEnd(tex, i);
      if (i < 0) return false;
    }
    defined = true;
  }
  return defined;
}

/** Inline Markdown (and inline HTML) as plain text on one line; math that only defines macros is left out. */
export function markdownToText(markdown: string, math: MathText = 'source'): string {
  let out = '';
  let last = 0;
  for (const match of markdown.matchAll(PROTECTED)) {
    out += stripProse(markdown.slice(last, match.index));
    const tex = match[3] ?? match[4] ?? match[5] ?? match[6];
    if (match[7] !== undefined || (tex !== undefined && definesOnly(tex))) out += ' ';
    else out += match[1] !== undefined ? (match[2] ?? '').trim() : math === 'tex' && tex !== undefined ? tex : match[0];
    last = match.index + match[0].length;
  }
  out += stripProse(markdown.slice(last));
  return out.replace(/\s+/g, ' ').trim();
}

/** `text` cut to at most about `max` characters on a word boundary, with `…` when cut. */
export function truncateText(text: string, max = 300): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}
