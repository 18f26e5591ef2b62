// The render context: prepared once per build (shiki highlighter, Marked instance, lookups of
// diagrams and images drawn before rendering), then shared by every notebook.
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { escapeHtml } from '../util/html.js';
import { renderFenceDiagram } from './diagram-html.js';
import { createMarkdownRenderer } from './markdown.js';
import {
  DEFAULT_RENDER_OPTIONS,
  type DiagramLookup,
  type ImageLookup,
  type RenderContext,
  type RenderOptions,
} from './types.js';

/** Grammars bundled with the highlighter (shiki names; aliases such as `sh` come with them). */
export const HIGHLIGHT_LANGUAGES = [
  'python', 'r', 'julia', 'javascript', 'typescript', 'shellscript', 'sql', 'json', 'yaml', 'markdown',
  'html', 'css', 'c', 'cpp', 'rust', 'go', 'java', 'scala', 'matlab', 'latex', 'mermaid', 'diff', 'toml', 'xml',
] as const;

export const LIGHT_THEME = 'github-light';
export const DARK_THEME = 'github-dark';

/** Code longer than this is shown plain: highlighting it would take seconds for little gain. */
const MAX_HIGHLIGHT_CHARS = 100_000;

const ALIASES: Readonly<Record<string, string>> = {
  python2: 'python', python3: 'python', ipython: 'python', ipython2: 'python', ipython3: 'python', py: 'python',
  sage: 'python', pyspark: 'python', 'text/x-python': 'python', jl: 'julia', ir: 'r', rscript: 'r',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript', console: 'shellscript',
  js: 'javascript', node: 'javascript', nodejs: 'javascript', ts: 'typescript', 'c++': 'cpp', cxx: 'cpp',
  octave: 'matlab', tex: 'latex', md: 'markdown', yml: 'yaml', golang: 'go', rs: 'rust', htm: 'html',
  '{mermaid}': 'mermaid', spark: 'scala',
};

/** Normalizes a language name from kernelspecs and fences: `Python3` → `python`, `sh` → `shellscript`. */
export function normalizeLanguage(language: string): string {
  const lang = language.trim().toLowerCase();
  return ALIASES[lang] ?? lang;
}

let highlighterPromise: Promise<HighlighterCore> | undefined;

/** The process-wide highlighter: created on first use (≈0.2 s), offline (inlined WASM, bundled grammars). */
function loadHighlighter(): Promise<HighlighterCore> {
  highlighterPromise ??= createHighlighterCore({
    engine: createOnigurumaEngine(import('shiki/wasm')),
    langs: HIGHLIGHT_LANGUAGES.map((l) => import(`shiki/langs/${l}.mjs`)),
    themes: [import(`shiki/themes/${LIGHT_THEME}.mjs`), import(`shiki/themes/${DARK_THEME}.mjs`)],
  });
  return highlighterPromise;
}

/** Escaped code in the same frame shiki uses, for unknown languages. */
export function plainCode(code: string): string {
  return `<pre class="shiki plain"><code>${escapeHtml(code)}</code></pre>`;
}

/** A `highlight(code, language)` that never throws: unknown or unloaded languages come out plain. */
export function createHighlight(hl: HighlighterCore): (code: string, language: string) => string {
  const loaded = new Set(hl.getLoadedLanguages());
  return (code, language) => {
    const lang = normalizeLanguage(language);
    if (!loaded.has(lang) || code.length > MAX_HIGHLIGHT_CHARS) return plainCode(code);
    try {
      return hl.codeToHtml(code, { lang, themes: { light: LIGHT_THEME, dark: DARK_THEME }, defaultColor: 'light' });
    } catch {
      return plainCode(code);
    }
  };
}

const EMPTY_DIAGRAMS: DiagramLookup = { get: () => undefined };
const EMPTY_IMAGES: ImageLookup = { get: () => undefined };

function mergeOptions(options: Partial<RenderOptions>): RenderOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_RENDER_OPTIONS, ...defined };
}

/** Prepares everything rendering needs; call once per build and reuse for every notebook. */
export async function createRenderContext(
  options: Partial<RenderOptions> = {},
  lookups: { readonly diagrams?: DiagramLookup; readonly images?: ImageLookup } = {},
): Promise<RenderContext> {
  const highlight = createHighlight(await loadHighlighter());
  const diagrams = lookups.diagrams ?? EMPTY_DIAGRAMS;
  const markdown = createMarkdownRenderer({
    highlight,
    diagram: (lang, code, menv) => renderFenceDiagram(lang, code, { diagrams, highlight, menv }),
  });
  return { options: mergeOptions(options), markdown, highlight, diagrams, images: lookups.images ?? EMPTY_IMAGES };
}
