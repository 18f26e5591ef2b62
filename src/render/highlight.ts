// Syntax highlighting with shiki, tuned for builds of thousands of cells.
//
// Three choices make it faster than `codeToHtml` with both themes, for the same HTML: the
// JavaScript regex engine (no WASM to start, grammars compile to native RegExps; every bundled
// grammar compiles without the forgiving mode; with our serializer, three times as fast as
// Oniguruma), one tokenization for both colour schemes (`dual-theme.ts`; shiki tokenizes once per
// theme: the corpus's code cells took 0.64 of the CPU time of two passes), and our own serializer
// from tokens to HTML instead of shiki's detour through a HAST tree.
// `highlight.test.ts` checks that the HTML is, byte for byte, what `codeToHtml` writes.
import {
  createHighlighterCore,
  splitLines,
  type Grammar,
  type HighlighterCore,
  type PatternScanner,
  type RegexEngine,
  type ThemedToken,
  type TokensResult,
} from 'shiki/core';
import { INITIAL, type StateStack } from 'shiki/textmate';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { createPairTheme, PairsExhausted, withPairTheme, type PairTheme } from './dual-theme.js';
import { bundledName, preloadGrammars, registerOnFirstUse } from './grammars.js';

export { HIGHLIGHT_LANGUAGES } from './grammars.js';

export const LIGHT_THEME = 'github-light';
export const DARK_THEME = 'github-dark';

/**
 * Lines this long or longer are not tokenized but shown as plain text (VS Code's default limit).
 * The grammar's 500 ms time limit per line would otherwise cut a long line (a data literal of a
 * few hundred kB) wherever the machine had got to, so a page would depend on the machine's speed
 * and differ between threads and runs; and a highlighted line of 800 kB made 11 MB of HTML.
 */
export const MAX_HIGHLIGHTED_LINE = 20_000;

/**
 * Lower line limits for grammars whose regexes backtrack on long lines, where one regex match
 * ignores the time limit (it is checked between matches). Measured here (both themes): Julia
 * `function aaa…` took 0.1 s at 500 characters, 0.4 s at 1,000, 1.1 s at 2,000 and 14.7 s at
 * 5,000; `aaa…!` 8.3 s at 5,000; `f(x) where ` repeated 34 s at 5,000. R `f(f(f(…` and
 * `a.a.a…` took 0.3 s at 2,000 and 2 s at 8,000.
 */
export const SLOW_GRAMMAR_LINE: Readonly<Record<string, number>> = { julia: 1_000, r: 2_000 };

/**
 * Milliseconds one cell may take to tokenize in all, checked between lines: many long lines just
 * under their limit would otherwise add up to minutes. Past it the cell is plain text.
 */
const CELL_TIME_BUDGET = 10_000;

/** The options every highlighted block is drawn with: light colours inline, dark ones as variables. */
export const THEME_OPTIONS = {
  themes: { light: LIGHT_THEME, dark: DARK_THEME },
  defaultColor: 'light',
  tokenizeMaxLineLength: MAX_HIGHLIGHTED_LINE,
} as const;

/** How long one line may take to tokenize, in milliseconds (shiki's default). */
export const TOKENIZE_TIME_LIMIT = 500;

/**
 * How many times a line is tokenized before a cut by the time limit stands; more (up to the
 * second figure) while each attempt still compiles. All attempts count against the cell's
 * budget (`CELL_TIME_BUDGET`), which ends the retries of a line slow in itself.
 */
const MAX_LINE_ATTEMPTS = 4;
const MAX_COMPILING_ATTEMPTS = 32;

/** Thrown out of the tokenizer to stop a cell at a line that is slow in itself. */
class SlowLine extends Error {}

export interface HighlighterOptions {
  /** Milliseconds one line may take to tokenize (`TOKENIZE_TIME_LIMIT`); 0 for no limit. */
  readonly timeLimit?: number;
  /** Milliseconds one cell may take to tokenize (`CELL_TIME_BUDGET`); none when `timeLimit` is 0. */
  readonly cellBudget?: number;
  /** How many (light, dark) style pairs are numbered before the numbering starts again (511: what a token's colour field holds). */
  readonly stylePairs?: number;
}

/** A highlighter whose grammars are loaded and registered on first use (`grammars.ts`). */
export interface Highlighter {
  /** The shiki highlighter with `lang` (a name or alias) ready, or `undefined` when the bundle has no such grammar. */
  readonly ready: (lang: string) => HighlighterCore | undefined;
  /**
   * The tokens of `code` in both themes, from one tokenization; `undefined` when the bundle has no
   * such grammar, when a line takes longer than the time limit to tokenize even with its grammar
   * compiled, or when the cell alone needs more style pairs than the highlighter numbers.
   */
  readonly tokens: (code: string, lang: string) => TokensResult | undefined;
}

// One highlighter for the process, made on first need (≈0.3 s): it holds grammars and themes, no
// state of a call.
let highlighterPromise: Promise<Highlighter> | undefined;

/** A regex engine that counts compiling: new rule scanners and first searches (a RegExp compiles on its first use). */
function countingEngine(): { engine: RegexEngine; compiled: () => number } {
  const engine = createJavaScriptRegexEngine({ forgiving: false });
  let compiled = 0;
  const counting: RegexEngine = {
    createScanner: (patterns) => {
      const scanner = engine.createScanner(patterns);
      compiled++;
      const counted: PatternScanner = {
        findNextMatchSync: (text, start, flags) => {
          compiled++;
          counted.findNextMatchSync = scanner.findNextMatchSync.bind(scanner); // later searches go straight there
          return scanner.findNextMatchSync(text, start, flags);
        },
        dispose: () => scanner.dispose?.(),
      };
      return counted;
    },
    createString: (text) => engine.createString(text),
  };
  return { engine: counting, compiled: () => compiled };
}

/**
 * A new highlighter (the build shares one: `loadHighlighter`).
 *
 * A grammar compiles its rules as the tokenizer first meets them, and that time counts against
 * the time limit of the line being tokenized: the C++ grammar's first line took 0.8–1.3 s here, so
 * the first C++ line of each render thread came out cut, unlike the same line anywhere else, and a
 * page depended on which thread drew it. A cut line is tokenized again (the tokenizer is pure:
 * same line and state, same tokens), now with what it compiled, for as long as it compiles more;
 * a line still cut after that is slow in itself, and its whole cell is left plain, rather than
 * coloured up to wherever the machine got to.
 */
export async function createHighlighter(options: HighlighterOptions = {}): Promise<Highlighter> {
  const timeLimit = options.timeLimit ?? TOKENIZE_TIME_LIMIT;
  const cellBudget = options.cellBudget ?? CELL_TIME_BUDGET;
  const { engine, compiled } = countingEngine();
  const [core] = await Promise.all([
    createHighlighterCore({
      engine,
      langs: [],
      themes: [import(`shiki/themes/${LIGHT_THEME}.mjs`), import(`shiki/themes/${DARK_THEME}.mjs`)],
    }),
    preloadGrammars(),
  ]);
  const pair = createPairTheme(core.getTheme(LIGHT_THEME), core.getTheme(DARK_THEME), options.stylePairs);
  const ready = registerOnFirstUse(core);
  let deadline = Infinity; // of the cell being tokenized
  const tokenizeLine = (grammar: Grammar, line: string, state: StateStack) => {
    for (let attempt = 1; ; attempt++) {
      const start = performance.now();
      if (start > deadline) throw new SlowLine();
      const before = compiled();
      const result = grammar.tokenizeLine2(line, state, timeLimit);
      // Compiling a grammar on first use does not count against the cell's budget either.
      if (compiled() !== before) deadline += performance.now() - start;
      if (!result.stoppedEarly) return result;
      const compiling = compiled() !== before && attempt < MAX_COMPILING_ATTEMPTS;
      if (attempt >= MAX_LINE_ATTEMPTS && !compiling) throw new SlowLine();
    }
  };
  return {
    ready,
    tokens: (code, lang) => {
      if (!ready(lang)) return undefined;
      const maxLine = SLOW_GRAMMAR_LINE[bundledName(lang) ?? ''] ?? MAX_HIGHLIGHTED_LINE;
      const grammar = core.getLanguage(lang);
      deadline = timeLimit === 0 ? Infinity : performance.now() + cellBudget;
      try {
        return dualTokens(grammar, pair, code, maxLine, tokenizeLine);
      } catch (error) {
        if (error instanceof SlowLine || error instanceof PairsExhausted) return undefined;
        throw error;
      } finally {
        deadline = Infinity;
      }
    },
  };
}

type LineTokenizer = (
  grammar: Grammar,
  line: string,
  state: StateStack,
) => { tokens: Uint32Array; ruleStack: StateStack };

/** The foreground field of a token's metadata (vscode-textmate's layout), where the pair theme writes its id. */
const pairId = (metadata: number): number => (metadata & 0x00ff8000) >>> 15;

/** One line's tokens, each styled for both schemes (shiki's `tokenizeWithTheme`, with the pair theme). */
function lineTokens(tokens: Uint32Array, line: string, lineOffset: number, pair: PairTheme): ThemedToken[] {
  const out: ThemedToken[] = [];
  const count = tokens.length / 2;
  for (let j = 0; j < count; j++) {
    const start = tokens[2 * j]!;
    const end = j + 1 < count ? tokens[2 * j + 2]! : line.length;
    if (start === end) continue;
    out.push({
      content: line.substring(start, end),
      offset: lineOffset + start,
      htmlStyle: pair.decode(pairId(tokens[2 * j + 1]!)).htmlStyle,
    });
  }
  return out;
}

/**
 * `codeToTokens` with `THEME_OPTIONS`, from one tokenization. When the style pairs run out (never
 * seen: the corpus meets a few dozen of the 511), the cell starts again with a new numbering; a
 * cell that alone needs more throws `PairsExhausted`.
 */
function dualTokens(
  grammar: Grammar,
  pair: PairTheme,
  code: string,
  maxLine: number,
  tokenizeLine: LineTokenizer,
): TokensResult {
  for (let attempt = 1; ; attempt++) {
    try {
      return withPairTheme(grammar, pair, () => {
        let state: StateStack = INITIAL;
        const tokens = splitLines(code).map(([line, offset]): ThemedToken[] => {
          if (line === '') return [];
          if (line.length >= maxLine) return [{ content: line, offset, htmlStyle: {} }];
          const result = tokenizeLine(grammar, line, state);
          state = result.ruleStack;
          return lineTokens(result.tokens, line, offset, pair);
        });
        return { tokens, ...pair.frame };
      });
    } catch (error) {
      if (!(error instanceof PairsExhausted) || attempt > 1) throw error;
      pair.reset();
    }
  }
}

/** The process-wide highlighter: created on first use, offline (bundled grammars and themes). */
export function loadHighlighter(): Promise<Highlighter> {
  highlighterPromise ??= createHighlighter();
  return highlighterPromise;
}

// The same escapes as hast-util-to-html, which shiki's own `codeToHtml` uses.
const escapeText = (s: string): string => s.replace(/[&<]/g, (c) => (c === '&' ? '&#x26;' : '&#x3C;'));
const escapeAttribute = (s: string): string => s.replace(/[&"]/g, (c) => (c === '&' ? '&#x26;' : '&#x22;'));

const WHITESPACE_ONLY = /^\s+$/;
const UNDERLINE = 4;
const STRIKETHROUGH = 8;

/** shiki's `mergeWhitespaces: true`: whitespace-only tokens join the token after them. */
function mergeWhitespace(line: readonly ThemedToken[]): ThemedToken[] {
  const merged: ThemedToken[] = [];
  let carry = '';
  let firstOffset: number | undefined;
  line.forEach((token, i) => {
    const canMerge = !(token.fontStyle && (token.fontStyle & UNDERLINE || token.fontStyle & STRIKETHROUGH));
    if (canMerge && WHITESPACE_ONLY.test(token.content) && line[i + 1]) {
      firstOffset ??= token.offset;
      carry += token.content;
    } else if (carry) {
      if (canMerge) merged.push({ ...token, offset: firstOffset!, content: carry + token.content });
      else merged.push({ content: carry, offset: firstOffset! }, token);
      firstOffset = undefined;
      carry = '';
    } else merged.push(token);
  });
  return merged;
}

function tokenStyle(token: ThemedToken): string {
  if (token.htmlStyle)
    return Object.entries(token.htmlStyle)
      .map(([k, v]) => `${k}:${v}`)
      .join(';');
  const parts: string[] = [];
  if (token.color) parts.push(`color:${token.color}`);
  if (token.bgColor) parts.push(`background-color:${token.bgColor}`);
  if (token.fontStyle) {
    if (token.fontStyle & 1) parts.push('font-style:italic');
    if (token.fontStyle & 2) parts.push('font-weight:bold');
    const lines = [
      token.fontStyle & UNDERLINE ? 'underline' : '',
      token.fontStyle & STRIKETHROUGH ? 'line-through' : '',
    ].filter(Boolean);
    if (lines.length) parts.push(`text-decoration:${lines.join(' ')}`);
  }
  return parts.join(';');
}

/** Serializes shiki tokens as `codeToHtml` would (classic structure, `tabindex="0"`). */
function tokensToHtml(result: TokensResult): string {
  const rootStyle = result.rootStyle ?? `background-color:${result.bg};color:${result.fg}`;
  const style = rootStyle === false ? '' : ` style="${escapeAttribute(rootStyle)}"`;
  const lines = result.tokens.map((line) => {
    let html = '<span class="line">';
    for (const token of mergeWhitespace(line)) {
      const css = tokenStyle(token);
      html += `${css ? `<span style="${escapeAttribute(css)}">` : '<span>'}${escapeText(token.content)}</span>`;
    }
    return `${html}</span>`;
  });
  return `<pre class="${escapeAttribute(`shiki ${result.themeName ?? ''}`)}"${style} tabindex="0"><code>${lines.join('\n')}</code></pre>`;
}

/**
 * Highlighted HTML for code in a bundled language; `undefined` for other languages and for code
 * too slow to tokenize (see `createHighlighter`). Throws on a grammar error.
 */
export function highlightToHtml(hl: Highlighter, code: string, lang: string): string | undefined {
  const tokens = hl.tokens(code, lang);
  return tokens && tokensToHtml(tokens);
}
