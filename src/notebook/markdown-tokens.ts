// Markdown read by marked's lexer, as pages render it: the one source of the plain text of
// headings (titles, the page's table of contents, heading ids), so a title taken from a heading is
// that heading's text, letter for letter. The math tokenizers are the renderer's, so `$x$` in a
// heading is one math token in both.
import { Marked, type Token, type TokenizerExtension, type Tokens } from 'marked';
import { decodeEntities } from '../util/html.js';
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

/** The text of inline tokens with markup dropped; `text` turns each piece of text, `math` each math token. */
export function inlineText(
  tokens: readonly Token[] | undefined,
  text: (s: string) => string,
  math: (t: Tokens.Generic) => string,
): string {
  let out = '';
  for (const t of tokens ?? []) {
    if (t.type === 'escape') out += text(t.raw.slice(1));
    else if (t.type === 'html' || t.type === 'checkbox') continue;
    else if (t.type === 'br') out += text(' ');
    else if (t.type === 'math') out += math(t);
    else if ('tokens' in t && t.tokens && t.tokens.length > 0) out += inlineText(t.tokens, text, math);
    else {
      const value = (t as { readonly text?: unknown }).text;
      if (typeof value === 'string') out += text(t.type === 'text' ? decodeReferences(value) : value);
    }
  }
  return out;
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
