// Plain text from Markdown, for titles and summaries: links keep their text, images and HTML tags
// go (with the content of `<style>`, `<script>` and the like), code and math stay as written,
// whitespace collapses. Also finds headings and the first paragraph of a cell. A line scanner, not
// a full CommonMark parser: it only has to read prose.
import { decodeEntities } from '../util/html.js';

/**
 * Code spans, display and inline math: kept as written (math with its delimiters, or without for
 * titles). `$…$` is math by the rules pages render it by (render/math.ts, pandoc's): no space inside
 * the dollars, no digit after, no backtick or blank line within; so `costs $5 and $10` is text.
 * Last, elements whose content is not text (see `HIDDEN`), unclosed to the end: dropped whole.
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

export interface Block {
  readonly kind: 'heading' | 'paragraph' | 'other';
  /** Heading level (1–6); 0 for other blocks. */
  readonly level: number;
  /** The block's source lines joined with `\n` (heading: its text only). */
  readonly text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,}|:{3,})/;
/**
 * Elements whose content is not text: a browser runs it (`<script>`), applies it (`<style>`) or
 * shows it never or only without scripts (`<template>`, `<noscript>`), and pages drop it. A line
 * that opens one starts a block that runs to the line that closes it, blank lines and all (as
 * CommonMark's HTML blocks for `<script>` and `<style>`), so none of it becomes a summary.
 */
const HIDDEN = /^ {0,3}<(script|style|template|noscript)(?=[\s/>]|$)/i;
/**
 * An ATX heading's marks and the rest of its line; the closing `#`s are cut by `atxText`. (The
 * regex that also cut them backtracked over every way to split a run of spaces: a line of 20,000
 * spaces that did not end the way it expected took 3 s.)
 */
const ATX = /^ {0,3}(#{1,6})(?:[ \t](.*))?$/;

/** An ATX heading's text: the rest of its line without its optional closing sequence of `#`s. */
function atxText(rest: string): string {
  const text = rest.trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === 0) return '';
  return end < text.length && /[ \t]/.test(text[end - 1] ?? '') ? text.slice(0, end).trimEnd() : text;
}
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const NOT_PROSE =
  /^(?: {4}|\t| {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)| {0,3}\||\s*\$\$|\s*\\begin\{| {0,3}\(.+\)=\s*$| {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$)/;

function closeParagraph(lines: string[], blocks: Block[]): void {
  if (lines.length === 0) return;
  const kind = NOT_PROSE.test(lines[0] ?? '') ? 'other' : 'paragraph';
  blocks.push({ kind, level: 0, text: lines.join('\n') });
  lines.length = 0;
}

/** The top-level blocks of a Markdown text: headings, paragraphs, and everything else. */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const para: string[] = [];
  let fence: string | undefined;
  let hidden: RegExp | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    if (fence !== undefined) {
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (hidden !== undefined) {
      if (hidden.test(line)) hidden = undefined;
      continue;
    }
    const element = HIDDEN.exec(line)?.[1];
    if (element !== undefined) {
      closeParagraph(para, blocks);
      blocks.push({ kind: 'other', level: 0, text: line });
      const close = new RegExp(`</${element}\\s*>`, 'i');
      if (!close.test(line)) hidden = close;
      continue;
    }
    const open = FENCE.exec(line)?.[1];
    const atx = ATX.exec(line);
    const setext = SETEXT.exec(line);
    if (open) {
      closeParagraph(para, blocks);
      fence = open[0]?.repeat(open.length) ?? open;
      blocks.push({ kind: 'other', level: 0, text: line });
    } else if (atx) {
      closeParagraph(para, blocks);
      blocks.push({ kind: 'heading', level: atx[1]?.length ?? 1, text: atxText(atx[2] ?? '') });
    } else if (setext && para.length > 0 && !NOT_PROSE.test(para[0] ?? '')) {
      blocks.push({ kind: 'heading', level: setext[1]?.[0] === '=' ? 1 : 2, text: para.join(' ') });
      para.length = 0;
    } else if (line.trim() === '') closeParagraph(para, blocks);
    else para.push(line.replace(/^ {0,3}> ?/, ''));
  }
  closeParagraph(para, blocks);
  return blocks;
}

/** Only this much of a block is read: summaries are cut far shorter, and it bounds regex work. */
const READ_LIMIT = 4000;

/** The first paragraph with plain text in `markdown`, as plain text; undefined if none. */
export function firstParagraph(markdown: string): string | undefined {
  for (const block of markdownBlocks(markdown)) {
    if (block.kind !== 'paragraph') continue;
    const text = markdownToText(block.text.slice(0, READ_LIMIT));
    if (text !== '') return text;
  }
  return undefined;
}
