// The render context: prepared once per build (shiki highlighter, Marked instance, lookups of
// diagrams and images drawn before rendering), then shared by every notebook.
import { escapeHtml } from '../util/html.js';
import { renderFenceDiagram } from './diagram-html.js';
import { highlightToHtml, loadHighlighter, type Highlighter } from './highlight.js';
import { createMarkdownRenderer } from './markdown.js';
import {
  DEFAULT_RENDER_OPTIONS,
  type DiagramLookup,
  type ImageLookup,
  type RenderContext,
  type RenderOptions,
} from './types.js';

export { DARK_THEME, HIGHLIGHT_LANGUAGES, LIGHT_THEME } from './highlight.js';

/** Code longer than this is shown plain: highlighting it would take seconds for little gain. */
const MAX_HIGHLIGHT_CHARS = 100_000;

const ALIASES: Readonly<Record<string, string>> = {
  python2: 'python',
  python3: 'python',
  ipython: 'python',
  ipython2: 'python',
  ipython3: 'python',
  py: 'python',
  sage: 'python',
  pyspark: 'python',
  'text/x-python': 'python',
  jl: 'julia',
  ir: 'r',
  rscript: 'r',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  js: 'javascript',
  node: 'javascript',
  nodejs: 'javascript',
  ts: 'typescript',
  'c++': 'cpp',
  cxx: 'cpp',
  octave: 'matlab',
  tex: 'latex',
  md: 'markdown',
  yml: 'yaml',
  golang: 'go',
  rs: 'rust',
  htm: 'html',
  '{mermaid}': 'mermaid',
  spark: 'scala',
};

/** Normalizes a language name from kernelspecs and fences: `Python3` → `python`, `sh` → `shellscript`. */
export function normalizeLanguage(language: string): string {
  const lang = language.trim().toLowerCase();
  return ALIASES[lang] ?? lang;
}

/** Escaped code in the same frame shiki uses, for unknown languages. */
export function plainCode(code: string): string {
  return `<pre class="shiki plain"><code>${escapeHtml(code)}</code></pre>`;
}

/** A `highlight(code, language)` that never throws: unknown or unloaded languages come out plain. */
export function createHighlight(hl: Highlighter): (code: string, language: string) => string {
  return (code, language) => {
    if (code.length > MAX_HIGHLIGHT_CHARS) return plainCode(code);
    try {
      return highlightToHtml(hl, code, normalizeLanguage(language)) ?? plainCode(code);
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
