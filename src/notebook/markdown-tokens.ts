// Markdown read by marked's lexer, as pages render it: the one source of the plain text of
// headings (titles, the page's table of contents, heading ids) and of summaries, so a title taken
// from a heading is that heading's text, letter for letter, and a summary is the text of a
// paragraph the page shows. The math tokenizers are the renderer's, so `$x$` in a heading is one
// math token in both.
import { Marked, type Token, type TokenizerExtension, type Tokens } from 'marked';
import { decodeEntities } from '../util/html.js';
import { definesOnly } from './markdown-text.js';
import { MAX_MARKDOWN_NESTING, markdownNesting } from '../render/markdown-nesting.js';
import { blockMathStart, inlineMathStart, maskMath, matchBlockMath, matchInlineMath } from '../render/math.js';

/** `$$…$$`, `\[…\]` and bare `\begin{align}`… blocks. */
export const MATH_BLOCK: TokenizerExtension = {
  name: 'mathBlock',
  level: 'block',
  start: (src: string) => blockMathStart(src),
  tokenizer: (src: string) => {
    const m = matchBlockMath(src);
    return m ? { type: 'mathBlock', raw: m.raw, text: m.tex } : undefined;
  },
};

/** `$…$`, `\(…\)` and the rest inline. */
export const MATH_INLINE: TokenizerExtension = {
  name: 'math',
  level: 'inline',
  start: (src: string) => inlineMathStart(src),
  tokenizer: (src: string) => {
    const m = matchInlineMath(src);
    return m ? { type: 'math', raw: m.raw, text: m.tex, display: m.display } : undefined;
  },
};

/** Masks math from emphasis matching (`$a*b$`), as the renderer does. */
export const MASK_MATH = { emStrongMask: (src: string) => maskMath(src) };

/** A lexer only: it keeps no state between calls. */
const lexer = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  hooks: MASK_MATH,
  extensions: [MATH_BLOCK, MATH_INLINE],
});

/** Character references in text resolved; a number that is no character is U+FFFD (CommonMark). */
export const decodeReferences = (text: string): string => decodeEntities(text, '\ufffd');

/**
 * Elements whose content is not text: a browser runs it (`<script>`), applies it (`<style>`) or
 * shows it never or only without scripts (`<template>`, `<noscript>`); the sanitizer drops it whole.
 */
const HIDDEN = /^<(script|style|template|noscript)(?=[\s/>])/i;

/**
 * The text of inline tokens with markup dropped, and what is inside hidden elements (see `HIDDEN`;
 * unclosed, to the end); `text` turns each piece of text, `math` each math token, `image` each
 * image's alt text (kept as it is by default).
 */
export function inlineText(
  tokens: readonly Token[] | undefined,
  text: (s: string) => string,
  math: (t: Tokens.Generic) => string,
  image: (alt: string) => string = (alt) => alt,
): string {
  let hidden: RegExp | undefined; // the end tag of the hidden element open
  const walk = (list: readonly Token[] | undefined): string => {
    let out = '';
    for (const t of list ?? []) {
      if (hidden !== undefined) {
        if (t.type === 'html' && hidden.test(t.raw)) hidden = undefined;
      } else if (t.type === 'html') {
        const element = HIDDEN.exec(t.raw)?.[1];
        if (element !== undefined) hidden = new RegExp(`^</${element}\\s*>$`, 'i');
      } else if (t.type === 'escape') out += text(t.raw.slice(1));
      else if (t.type === 'checkbox') continue;
      else if (t.type === 'br') out += text(' ');
      else if (t.type === 'math') out += math(t);
      else if (t.type === 'image') out += image(t.tokens && t.tokens.length > 0 ? walk(t.tokens) : text(t.text));
      else if ('tokens' in t && t.tokens && t.tokens.length > 0) out += walk(t.tokens);
      else {
        const value = (t as { readonly text?: unknown }).text;
        if (typeof value === 'string') out += text(t.type === 'text' ? decodeReferences(value) : value);
      }
    }
    return out;
  };
  return walk(tokens);
}

/** Plain text of inline tokens (headings, alt text): markup dropped, math as its TeX. */
export function plainText(tokens: readonly Token[] | undefined): string {
  return inlineText(
    tokens,
    (s) => s,
    (t) => String(t.text),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The headings of a Markdown text, in order, with their level and plain text. */
export function markdownHeadings(markdown: string): { level: number; text: string }[] {
  const found: { level: number; text: string }[] = [];
  lexer.walkTokens(lexer.lexer(markdown), (t) => {
    if (t.type === 'heading')
      found.push({ level: (t as Tokens.Heading).depth, text: plainText((t as Tokens.Heading).tokens) });
  });
  return found;
}

/**
 * The first level-1 heading in `sources` (in order), else the first heading of any level, as the
 * rendered heading's text reads (math as its TeX, an image as its alt text). A cell nested too deep
 * to render shows as its source and has no heading.
 */
export function titleHeading(sources: readonly string[]): string | undefined {
  let first: string | undefined;
  for (const source of sources) {
    if (markdownNesting(source) > MAX_MARKDOWN_NESTING) continue;
    for (const heading of markdownHeadings(source)) {
      if (heading.text === '') continue;
      if (heading.level === 1) return heading.text;
      first ??= heading.text;
    }
  }
  return first;
}

/** A MyST directive fence (`:::{note}`): what it holds is not the notebook's prose. */
const COLON_FENCE = /^ {0,3}(:{3,})/;
/** A MyST target (`(label)=`) on a paragraph's first line. */
const TARGET = /^ {0,3}\(.+\)=[ \t]*(?:\n|$)/;

/** A folded `<details>` block: what it holds shows once a reader opens it, so it is no summary. */
const FOLDED = /^<(details)(?=[\s/>])/i;

/**
 * What ends the region of blocks that a token opens, if it opens one and does not close it itself:
 * a MyST directive (`:::{note}` to a line of as many colons), a hidden element (`<template>` to
 * `</template>`, blank lines and all: the page drops all it holds) or a folded one (see `FOLDED`).
 * Tested against `\n` + raw.
 */
function regionEnd(type: string, raw: string): RegExp | undefined {
  const colons = type === 'paragraph' ? COLON_FENCE.exec(raw)?.[1] : undefined;
  const element = type === 'html' ? (HIDDEN.exec(raw.trimStart()) ?? FOLDED.exec(raw.trimStart()))?.[1] : undefined;
  const end =
    colons !== undefined
      ? new RegExp(`\\n[ \\t]*${colons}`)
      : element !== undefined
        ? new RegExp(`</${element}\\s*>`, 'i')
        : undefined;
  return end?.test(raw) === false ? end : undefined;
}

/**
 * Elements that open HTML blocks which are not prose: CommonMark's block-level ones (an HTML block
 * of its type 6: a `<div>` note, a table, an HTML heading, `<details>`) but `<p>`, and those whose
 * content is code or hidden. An HTML block opening with any other element (a `<p>`, as older
 * notebooks wrote them, or `<img src="logo.png">` alone on its line and the text below it) reads
 * as a paragraph, as the page shows it.
 */
const NOT_PROSE_ELEMENT =
  /^(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|meta|nav|noframes|ol|optgroup|option|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul|script|pre|style|textarea|template|noscript)$/i;
const START_TAG = /^ {0,3}<([a-z][a-z0-9-]*)(?=[\s/>])/i;

const readsAsProse = (html: string): boolean => {
  const element = START_TAG.exec(html)?.[1];
  return element !== undefined && !NOT_PROSE_ELEMENT.test(element);
};

/** Inline tokens of `src`, lexed with a copy of the options: marked's Lexer writes its tokenizer into the object it gets. */
const inlineTokens = (src: string): Token[] => lexer.Lexer.lexInline(src, { ...lexer.defaults });

/**
 * The inline tokens of each paragraph of a cell that reads as its prose, in order: at the top
 * level (and HTML blocks that read as one, see `NOT_PROSE_ELEMENT`) and in block quotes; not in
 * lists, tables, other HTML blocks, MyST directives and targets, nor hidden elements.
 */
function* proseParagraphs(tokens: readonly Token[]): Generator<readonly Token[]> {
  let end: RegExp | undefined; // of the region open (see `regionEnd`)
  for (const t of tokens) {
    if (end !== undefined) {
      const closed = end.exec(`\n${t.raw}`);
      // The block that closes a region may open the next (`</template>` then `<noscript>`).
      if (closed) end = regionEnd(t.type, `\n${t.raw}`.slice(closed.index + closed[0].length));
      continue;
    }
    end = regionEnd(t.type, t.raw);
    if (end !== undefined) continue;
    if (t.type === 'blockquote') yield* proseParagraphs((t as Tokens.Blockquote).tokens);
    else if (t.type === 'html' && readsAsProse(t.raw)) yield inlineTokens(t.raw);
    else if (t.type === 'paragraph' && !COLON_FENCE.test(t.raw) && !TARGET.test(t.raw))
      yield (t as Tokens.Paragraph).tokens;
  }
}

/** A paragraph's plain text: as `plainText` reads a heading, but math that only defines macros shows nothing on the page and is left out. */
function paragraphText(tokens: readonly Token[], image: (alt: string) => string): string {
  return inlineText(
    tokens,
    (s) => s,
    (t) => (definesOnly(String(t.text)) ? ' ' : String(t.text)),
    image,
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The plain text of the first paragraph of `markdown` with text of its own (see `proseParagraphs`),
 * as the page shows it: markup and HTML tags dropped, references resolved, math as its TeX, links
 * as their text and images as their alt text; a paragraph of images alone (badges, a banner) is
 * passed over. A cell nested too deep to render shows as its source and has none.
 */
export function firstParagraph(markdown: string): string | undefined {
  if (markdownNesting(markdown) > MAX_MARKDOWN_NESTING) return undefined;
  for (const inline of proseParagraphs(lexer.lexer(markdown))) {
    if (paragraphText(inline, () => ' ') === '') continue;
    return paragraphText(inline, (alt) => alt);
  }
  return undefined;
}
