// TeX to HTML + MathML with KaTeX at build time: no client script, no CDN. `trust: false` keeps
// `\href`, `\url`, `\includegraphics` and `\html…` from producing links, images or attributes.
import katex from 'katex';
import { escapeHtml } from '../util/html.js';

/** TeX macros defined so far (`\newcommand` in one cell is used in later ones), by notebook. */
export type MathMacros = Record<string, string>;

/** Environments KaTeX lacks, mapped to the nearest one it has. */
const ENVIRONMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\\(begin|end)\{multline(\*?)\}/g, '\\$1{gather$2}'],
  [/\\(begin|end)\{flalign(\*?)\}/g, '\\$1{align$2}'],
  [/\\begin\{eqnarray\*?\}/g, '\\begin{array}{rcl}'],
  [/\\end\{eqnarray\*?\}/g, '\\end{array}'],
  [/\\(begin|end)\{displaymath\}/g, ''],
];

/** TeX with the environments KaTeX lacks replaced (`eqnarray` loses its numbers). */
function adaptTex(tex: string): string {
  let out = tex;
  for (const [pattern, replacement] of ENVIRONMENTS) out = out.replace(pattern, replacement);
  if (out !== tex && /\\begin\{array\}\{rcl\}/.test(out)) out = out.replace(/\\(?:nonumber|notag)\b/g, '');
  return out;
}

/** What KaTeX hands a macro written as a function (its `MacroContextInterface`), as far as used here. */
interface MacroContext {
  consumeArg(): { readonly tokens: ReadonlyArray<{ readonly text: string }> };
  isDefined(name: string): boolean;
}

/**
 * `\newcommand` as MathJax, and so Jupyter, reads it: a name that already exists is defined anew.
 * KaTeX refuses, and a setup cell like `$\newcommand{\R}{\mathbb{R}}\newcommand{\norm}…$` then
 * fails whole (KaTeX has its own `\R`), losing every macro defined with it. This only chooses which
 * of KaTeX's own commands makes the definition, so KaTeX still reads it and still limits it.
 */
function newcommand(context: MacroContext): string {
  const name = context.consumeArg().tokens;
  const only = name.length === 1 ? name[0] : undefined;
  if (only === undefined) throw new katex.ParseError("\\newcommand's first argument must be a macro name");
  return `${context.isDefined(only.text) ? '\\renewcommand' : '\\providecommand'}{${only.text}}`;
}

/**
 * The macros KaTeX reads and defines into, with `\newcommand` replaced. The replacement is not
 * enumerable, so `macros` still looks empty until math defines something; it is set again on each
 * call, so a definition of `\newcommand` itself lasts one span at most.
 */
function withNewcommand(macros: MathMacros | undefined): MathMacros {
  const target = macros ?? {};
  Object.defineProperty(target, '\\newcommand', {
    value: newcommand,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return target;
}

function katexOptions(display: boolean, throwOnError: boolean, macros?: MathMacros): katex.KatexOptions {
  return {
    displayMode: display,
    throwOnError,
    trust: false,
    strict: 'ignore',
    output: 'htmlAndMathml',
    maxExpand: 1000,
    maxSize: 50,
    // Without a notebook's macros, definitions stay inside the one span (no global group).
    macros: withNewcommand(macros),
    ...(macros === undefined ? {} : { globalGroup: true }),
  };
}

/**
 * Math already rendered, by display mode and TeX, for math read with no macros defined: a course
 * repeats its notation from notebook to notebook, and KaTeX was a tenth of the render time. Only
 * math that defines no macro is kept (one that does must run again to define them), and only while
 * no macro is defined (one could change how it reads). A memo of a pure function, kept for the
 * process on purpose (across notebooks): a hit is what KaTeX gives for its key, so no result
 * depends on what was rendered before; at `RENDERED_MAX` entries it starts again.
 */
const rendered = new Map<string, string>();
const RENDERED_MAX = 4096;

/** `macros` made to hold exactly what `saved` holds. */
function restoreMacros(macros: MathMacros, saved: MathMacros): void {
  for (const name of Object.keys(macros)) if (!Object.hasOwn(saved, name)) delete macros[name];
  Object.assign(macros, saved);
}

/**
 * TeX rendered by KaTeX (`display`: a centred block). Math KaTeX cannot read is passed to
 * `onError` (KaTeX's message) and shown as KaTeX shows it: the source in red with the message as
 * a tooltip (`katex-error`), or only an unknown command in red. Never throws.
 */
export function renderMath(
  tex: string,
  display: boolean,
  macros?: MathMacros,
  onError?: (message: string) => void,
): string {
  const plain = macros === undefined || Object.keys(macros).length === 0;
  // Whether a macros object is passed is part of the key: without one, a definition has no effect
  // to remember; with one, the math must run again to make it.
  const key = `${display ? 'D' : 'I'}${macros ? 'M' : '-'}${tex}`;
  const known = plain ? rendered.get(key) : undefined;
  if (known !== undefined) return known;
  // KaTeX shows most errors in the page only when told not to throw, and then does not say there
  // was one: it runs once throwing, and on an error again from the same macros to show it.
  const saved = macros === undefined ? undefined : { ...macros };
  try {
    const html = tidyKatex(katex.renderToString(adaptTex(tex), katexOptions(display, true, macros)));
    if (plain && (macros === undefined || Object.keys(macros).length === 0)) {
      if (rendered.size >= RENDERED_MAX) rendered.clear();
      rendered.set(key, html);
    }
    return html;
  } catch (error) {
    onError?.(
      error instanceof katex.ParseError ? error.rawMessage : error instanceof Error ? error.message : String(error),
    );
    if (error instanceof katex.ParseError) {
      if (macros !== undefined && saved !== undefined) restoreMacros(macros, saved);
      try {
        return tidyKatex(katex.renderToString(adaptTex(tex), katexOptions(display, false, macros)));
      } catch {
        // KaTeX could not show it either: shown below.
      }
    }
    const message = error instanceof Error ? error.message : String(error);
    return `<span class="katex-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
  }
}

/** Delimiters a `text/latex` output may wrap its math in, outermost first. */
const DELIMITED = [/^\$\$([\s\S]*)\$\$$/, /^\\\[([\s\S]*)\\\]$/, /^\\\(([\s\S]*)\\\)$/, /^\$([\s\S]*)\$$/];

/** Math environments that make a whole `text/latex` value display math. */
const MATH_ENVIRONMENT =
  /^\\begin\{(equation|align|alignat|gather|multline|flalign|eqnarray|displaymath|math|split|[pbBvV]?matrix|cases|array|aligned|gathered)\*?\}[\s\S]*\\end\{\1\*?\}$/;

/** The math of a `text/latex` value without its delimiters, or `undefined` when it is not math. */
function latexMath(latex: string): string | undefined {
  const text = latex.trim();
  for (const pattern of DELIMITED) {
    const inner = pattern.exec(text)?.[1];
    if (inner !== undefined && inner.trim() !== '') return inner;
  }
  return MATH_ENVIRONMENT.test(text) ? text : undefined;
}

/**
 * A `text/latex` output: math (`$$…$$`, `$…$`, `\[…\]`, `\(…\)`, `\begin{equation}`…) as display
 * math; anything else, or math KaTeX cannot parse, as the escaped source in `<pre>`.
 */
export function renderLatexOutput(latex: string): string {
  const math = latexMath(latex);
  if (math !== undefined) {
    try {
      return tidyKatex(katex.renderToString(adaptTex(math), katexOptions(true, true)));
    } catch {
      // Fall through: show the source.
    }
  }
  return `<pre class="latex-source">${escapeHtml(latex)}</pre>`;
}

// ─── math in markdown ───────────────────────────────────────────────────────────────────────

/** Math found in markdown source: the source consumed, the TeX, and whether it is display math. */
export interface MathMatch {
  readonly raw: string;
  readonly tex: string;
  readonly display: boolean;
}

/** Environments written without delimiters in markdown that are display math. */
const BARE_ENVIRONMENTS = 'equation|align|alignat|gather|multline|flalign|eqnarray|displaymath';
const ENV_START = new RegExp(`^\\\\begin\\{(${BARE_ENVIRONMENTS})(\\*?)\\}`);

/** Whether the character at `i` is escaped by an odd number of backslashes before it. */
function isEscaped(src: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && src[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

/** Longest math looked for, so text full of unclosed `\(` does not take quadratic time. */
const MAX_MATH = 8_000;

/** Index of the first unescaped `close` at or after `from`, within `MAX_MATH` characters (`-1` if none). */
function findClose(src: string, close: string, from: number): number {
  const text = src.length > MAX_MATH ? src.slice(0, MAX_MATH) : src;
  for (let i = text.indexOf(close, from); i >= 0; i = text.indexOf(close, i + 1)) if (!isEscaped(text, i)) return i;
  return -1;
}

/** `$…$` by pandoc's rules, so `costs $5 and $10` stays text: no space inside the dollars, no digit after. */
function matchDollar(src: string): MathMatch | undefined {
  if (/^\$[\s$]/.test(src)) return undefined;
  const end = findClose(src, '$', 1);
  if (end < 0 || /\s/.test(src[end - 1] ?? '') || /[0-9]/.test(src[end + 1] ?? '')) return undefined;
  const tex = src.slice(1, end);
  // A backtick means a code span starts before the closing dollar: `$x$` in code is not math.
  return /\n[ \t]*\n|`/.test(tex) ? undefined : { raw: src.slice(0, end + 1), tex, display: false };
}

/** The delimiters of math that starts `src`: opening length, closing text, display. */
function opening(src: string): { open: number; close: string; display: boolean; keep: boolean } | undefined {
  if (src.startsWith('$$')) return { open: 2, close: '$$', display: true, keep: false };
  if (src.startsWith('\\[')) return { open: 2, close: '\\]', display: true, keep: false };
  if (src.startsWith('\\(')) return { open: 2, close: '\\)', display: false, keep: false };
  const env = ENV_START.exec(src);
  return env ? { open: env[0].length, close: `\\end{${env[1]}${env[2]}}`, display: true, keep: true } : undefined;
}

/** Delimited math at the start of `src` (inside a paragraph), or `undefined`. */
export function matchInlineMath(src: string): MathMatch | undefined {
  if (src.startsWith('$') && !src.startsWith('$$')) return matchDollar(src);
  const o = opening(src);
  if (!o) return undefined;
  const end = findClose(src, o.close, o.open);
  if (end < 0) return undefined;
  const raw = src.slice(0, end + o.close.length);
  const tex = o.keep ? raw : src.slice(o.open, end);
  return tex.trim() === '' ? undefined : { raw, tex, display: o.display };
}

/** A block of display math (`$$…$$`, `\[…\]`, `\begin{align}…`) on lines of its own at the start of `src`. */
export function matchBlockMath(src: string): MathMatch | undefined {
  const indent = /^ {0,3}/.exec(src)?.[0].length ?? 0;
  const rest = src.slice(indent);
  const o = rest.startsWith('\\(') ? undefined : opening(rest);
  if (!o) return undefined;
  const end = findClose(rest, o.close, o.open);
  const after = end < 0 ? null : /^[ \t]*(?:\n+|$)/.exec(rest.slice(end + o.close.length));
  if (after === null) return undefined;
  const tex = o.keep ? rest.slice(0, end + o.close.length) : rest.slice(o.open, end);
  if (tex.trim() === '') return undefined;
  return { raw: src.slice(0, indent + end + o.close.length + after[0].length), tex, display: true };
}

const INLINE_START = /\$|\\\(|\\\[|\\begin\{/;
const BLOCK_START = new RegExp(`(?<=\\n) {0,3}(?:\\$\\$|\\\\\\[|\\\\begin\\{(?:${BARE_ENVIRONMENTS})\\*?\\})`, 'g');

/**
 * How far ahead one call looks for math. marked asks again from every piece of text it tokenizes
 * (each `*`, each line), each time with the rest of the text: searching all of it made a cell of
 * 100,000 `*a ` (or 40,000 hard-broken lines, or 20,000 paragraphs) take minutes.
 */
const START_WINDOW = 8_000;
/** The window for inline math: marked asks once per piece of text, so this bounds each ask. */
const INLINE_WINDOW = 500;
const BLANK_LINE = /\n[ \t]*(?:\n|$)/;
const SPACE = /\s/;

/**
 * Where inline math may start in `src` (for marked's text tokenizer), or `undefined`. With none in
 * the window, the text ends at the last run of whitespace in it, so the next call looks from there
 * (a cut elsewhere could split a URL or the spaces of a hard line break).
 */
export function inlineMathStart(src: string): number | undefined {
  const window = src.length > INLINE_WINDOW ? src.slice(0, INLINE_WINDOW) : src;
  const i = window.search(INLINE_START);
  if (i >= 0) return i;
  if (window === src) return undefined;
  let cut = window.length - 1;
  while (cut > 0 && !SPACE.test(window[cut] ?? '')) cut--;
  while (cut > 0 && SPACE.test(window[cut - 1] ?? '')) cut--;
  return cut > 0 ? cut : window.length;
}

/**
 * Where a line that starts block math begins in `src` (so a paragraph stops there, and only
 * there). A paragraph ends at a blank line, so nothing after the first one is read; nor after
 * `START_WINDOW` characters (a paragraph longer than that keeps a `$$` block inline).
 */
export function blockMathStart(src: string): number | undefined {
  const window = src.length > START_WINDOW ? src.slice(0, START_WINDOW) : src;
  const blank = window.search(BLANK_LINE);
  const scope = blank < 0 ? window : window.slice(0, blank + 1);
  for (const m of scope.matchAll(BLOCK_START)) if (matchBlockMath(src.slice(m.index)) !== undefined) return m.index;
  return undefined;
}

/** `src` with `*`, `_` and `~` inside inline math hidden from marked's emphasis matching (same length). */
export function maskMath(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const start = src.slice(i).search(INLINE_START);
    if (start < 0) break;
    const at = i + start;
    const m = isEscaped(src, at) ? undefined : matchInlineMath(src.slice(at));
    const span = m ? m.raw : (src[at] ?? '');
    out += src.slice(i, at) + (m ? span.replace(/[*_~]/g, 'a') : span);
    i = at + span.length;
  }
  return out + src.slice(i);
}

/**
 * KaTeX writes some MathML attributes as `class ="…"`; browsers read it, validators do not.
 * (Once this went through the sanitizer, which re-serialized it; plain cells now skip that.)
 */
function tidyKatex(html: string): string {
  return html.replace(/(<[a-z][\w-]*(?:\s[^<>]*?)?\s[\w:-]+) ="/g, '$1="');
}
