// Markdown cells to sanitized HTML: one Marked instance (GFM) for the whole build, with math
// (KaTeX), highlighted and diagram fences, heading ids and anchors, cell attachments, and links
// between files of the branch. Per-call state sits in a slot set by `render` (rendering is sync).
import type { RuleId } from '../rules.js';
import { Marked, type RendererObject, type Token, type TokenizerAndRendererExtension, type Tokens } from 'marked';
import type { Heading } from '../types.js';
import { escapeHtml } from '../util/html.js';
import { resolveBranchPath, rewriteHref } from './links.js';
import { MAX_MARKDOWN_NESTING, markdownNesting } from './markdown-nesting.js';
import { type MathMacros, renderMath } from './math.js';
import {
  decodeReferences,
  inlineText,
  MASK_MATH,
  MATH_BLOCK,
  MATH_INLINE,
  plainText,
} from '../notebook/markdown-tokens.js';
import { isSafeUrl, MAX_HTML_NESTING, sanitizeHtml, sanitizeSvg } from './sanitize.js';
import type { MarkdownEnv, MarkdownRenderer } from './types.js';

export interface MarkdownRendererOptions {
  /** Escaped, highlighted HTML of a code block (trusted). */
  highlight(code: string, lang: string): string;
  /** HTML of a diagram fence (`mermaid`, `dot`, `vega-lite`, …), or `undefined` to show it as code. */
  diagram?(lang: string, code: string, menv: MarkdownEnv): string | undefined;
}

/** State of the `render` call in progress. */
interface CallState {
  readonly menv: MarkdownEnv;
  readonly headings: Heading[];
  readonly macros: MathMacros;
  /** URLs this call produced (assets): the sanitizer must not treat them as branch paths. */
  readonly ownUrls: Set<string>;
  /**
   * The cell holds raw HTML, so its output goes through the sanitizer. Without raw HTML every
   * piece is escaped by construction (marked escapes text, KaTeX runs with trust off, code is
   * highlighted escaped) and only link and image URLs need a check, done as they are rendered:
   * the sanitizer's jsdom parse was most of the cost of a markdown cell.
   */
  rawHtml: boolean;
}

const ATTACHMENT_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'];
/**
 * A heading that holds math as HTML for the page header that may stand in for it: its plain text,
 * escaped, with the math as the body shows it (`parseInline` has rendered it); `undefined` without
 * math. Never raw HTML, so it needs no sanitizing.
 */
function headingHtml(tokens: readonly Token[]): string | undefined {
  let math = false;
  const html = inlineText(
    tokens,
    (s) => escapeHtml(s.replace(/\s+/g, ' ')),
    (t) => {
      math = true;
      return typeof t.html === 'string' ? t.html : escapeHtml(String(t.text));
    },
  );
  return math ? html.replace(/^ +| +$/g, '') : undefined;
}

function report(menv: MarkdownEnv, rule: RuleId, message: string, hint: string): void {
  menv.sink.report({
    rule,
    severity: 'warning',
    ...(menv.cell === undefined ? {} : { cell: menv.cell }),
    message,
    hint,
  });
}

function cellLabel(menv: MarkdownEnv): string {
  return menv.cell === undefined ? 'Markdown' : `Cell ${menv.cell + 1}`;
}

/** An attachment's bytes and type: base64 raster images decoded, SVG sanitized. */
function attachmentData(bundle: Readonly<Record<string, unknown>>): { bytes: Uint8Array; mime: string } | undefined {
  const mime = ATTACHMENT_MIMES.find((m) => typeof bundle[m] === 'string');
  const value = mime === undefined ? undefined : (bundle[mime] as string);
  if (mime === undefined || value === undefined) return undefined;
  if (mime === 'image/svg+xml') {
    const svg = sanitizeSvg(value);
    return svg === undefined ? undefined : { bytes: new TextEncoder().encode(svg), mime };
  }
  const base64 = value.replace(/\s+/g, '');
  if (base64 === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) return undefined;
  return { bytes: new Uint8Array(Buffer.from(base64, 'base64')), mime };
}

/** The asset URL of `attachment:name`; `undefined` (and a diagnostic) when it is missing or unusable. */
function attachmentUrl(href: string, state: CallState): string | undefined {
  const { menv } = state;
  const raw = href.replace(/^attachment:/i, '');
  let name = raw;
  try {
    if (!Object.hasOwn(menv.attachments ?? {}, raw)) name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  const shown = JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
  const bundle = Object.hasOwn(menv.attachments ?? {}, name) ? menv.attachments?.[name] : undefined;
  if (bundle === undefined) {
    report(
      menv,
      'markdown-attachment-missing',
      `${cellLabel(menv)} shows attachment ${shown}, which the cell does not have.`,
      'Paste the image into the cell again in Jupyter, or link to an image file in the repository.',
    );
    return undefined;
  }
  const data = attachmentData(bundle);
  if (data === undefined) {
    report(
      menv,
      'markdown-attachment-invalid',
      `Attachment ${shown} of ${cellLabel(menv).toLowerCase()} is not a PNG, JPEG, GIF, WebP or SVG image that can be read.`,
      'Paste the image into the cell again in Jupyter.',
    );
    return undefined;
  }
  const url = menv.env.assetUrl(menv.sink.addAsset(data.bytes, data.mime));
  state.ownUrls.add(url);
  return url;
}

/** The sanitizer's URL rewriter for one call: attachments, then links and images within the branch. */
function urlRewriter(state: CallState) {
  return (url: string, place: { readonly tag: string }): string | undefined => {
    if (state.ownUrls.has(url)) return url;
    if (/^attachment:/i.test(url)) return place.tag === 'img' ? attachmentUrl(url, state) : undefined;
    const { env } = state.menv;
    const target = place.tag === 'img' ? resolveBranchPath(env.path, url) : undefined;
    if (target !== undefined && env.urlFor(target) === undefined) {
      report(
        state.menv,
        'markdown-image-missing',
        `${cellLabel(state.menv)} shows the image ${JSON.stringify(target)}, which is not in branch ${JSON.stringify(env.branch)}.`,
        'Commit the image to the branch, or fix the path (it is relative to the notebook).',
      );
    }
    return rewriteHref(url, env);
  };
}

/**
 * A link or image URL as it goes into a cell without raw HTML: rewritten as the sanitizer would
 * (branch paths to pages and files) and dropped unless safe. With raw HTML the sanitizer does both.
 */
function directUrl(state: CallState, url: string, tag: 'a' | 'img'): string | undefined {
  if (state.rawHtml) return url;
  const rewritten = urlRewriter(state)(url, { tag });
  return rewritten !== undefined && isSafeUrl(rewritten, tag === 'img' ? 'image' : 'link') ? rewritten : undefined;
}

/** The call's environment, remembering the asset URLs a diagram hook produces. */
function recordingMenv(state: CallState): MarkdownEnv {
  const { menv } = state;
  const assetUrl = (name: string): string => {
    const url = menv.env.assetUrl(name);
    state.ownUrls.add(url);
    return url;
  };
  return { ...menv, env: { ...menv.env, assetUrl } };
}

/** Longest TeX quoted in a diagnostic. */
const SHOWN_TEX = 80;

/** Math rendered with the notebook's macros; math KaTeX cannot read is reported (and shown in red). */
function mathHtml(state: CallState, tex: string, display: boolean): string {
  return renderMath(tex, display, state.macros, (message) => {
    const flat = tex.replace(/\s+/g, ' ').trim();
    const shown = flat.length > SHOWN_TEX ? `${flat.slice(0, SHOWN_TEX).replace(/[\uD800-\uDBFF]$/, '')}…` : flat;
    const undefinedCommand = /^Undefined control sequence: (\S+)/.exec(message)?.[1];
    const hint =
      undefinedCommand === undefined
        ? 'Correct the TeX (KaTeX supports these commands: https://katex.org/docs/supported.html); it is shown as source, in red, in the meantime.'
        : `Define ${undefinedCommand} with \\newcommand in this cell or an earlier one, or use a command KaTeX supports (https://katex.org/docs/supported.html); it is shown in red in the meantime.`;
    report(
      state.menv,
      'math-invalid',
      `${cellLabel(state.menv)} has math that KaTeX cannot render: ${message}, in \`${shown}\`.`,
      hint,
    );
  });
}

const DIAGRAM_LANGS = new Set([
  'mermaid',
  '{mermaid}',
  'dot',
  'graphviz',
  '{graphviz}',
  'vega-lite',
  'vegalite',
  'vega',
]);

type CurrentState = () => CallState;

/** Math (see markdown-tokens.ts) rendered with KaTeX. */
function mathExtensions(state: CurrentState): TokenizerAndRendererExtension[] {
  return [
    {
      ...MATH_BLOCK,
      renderer: (token: Tokens.Generic) =>
        `<div class="math-display">${mathHtml(state(), String(token.text), true)}</div>\n`,
    },
    {
      ...MATH_INLINE,
      renderer: (token: Tokens.Generic) => {
        // Kept on the token for a heading's `headingHtml`.
        token.html = mathHtml(state(), String(token.text), token.display === true);
        return token.html;
      },
    },
  ];
}

/** Fences (highlighted, diagrams, `math`) and headings with ids and anchors. */
function blockRenderers(opts: MarkdownRendererOptions, state: CurrentState): RendererObject {
  return {
    code({ text, lang }: Tokens.Code): string {
      const language = (lang ?? '').trim().split(/\s+/)[0] ?? '';
      const key = language.toLowerCase();
      if (key === 'math') return `<div class="math-display">${mathHtml(state(), text, true)}</div>\n`;
      if (opts.diagram && DIAGRAM_LANGS.has(key)) {
        const drawn = opts.diagram(key, text, recordingMenv(state()));
        if (drawn !== undefined) return `${drawn}\n`;
      }
      return `${opts.highlight(text, language)}\n`;
    },
    heading({ tokens, depth }: Tokens.Heading): string {
      const s = state();
      const text = plainText(tokens);
      const slug = s.menv.slugger.slug(text);
      const inner = this.parser.parseInline(tokens);
      const html = headingHtml(tokens);
      s.headings.push({ level: depth, text, id: slug, ...(html === undefined ? {} : { html }) });
      const id = escapeHtml(slug);
      const anchor = `<a class="anchor" href="#${id}" aria-hidden="true" tabindex="-1">#</a>`;
      return `<h${depth} id="${id}">${inner}${anchor}</h${depth}>\n`;
    },
    checkbox({ checked }: Tokens.Checkbox): string {
      const label = checked ? 'done' : 'not done';
      return `<span class="task-checkbox${checked ? ' checked' : ''}" role="img" aria-label="${label}">${checked ? '☑' : '☐'}</span> `;
    },
    listitem(item: Tokens.ListItem): string {
      return `<li${item.task ? ' class="task-list-item"' : ''}>${this.parser.parse(item.tokens)}</li>\n`;
    },
  };
}

/** Links and images: attachments resolved here, branch paths later by the sanitizer's rewriter. */
function inlineRenderers(state: CurrentState): RendererObject {
  return {
    link({ href, title, tokens, autolink }: Tokens.Link): string {
      const raw = autolink ? href : decodeReferences(href);
      const url = directUrl(state(), raw, 'a');
      const inner = this.parser.parseInline(tokens);
      if (url === undefined) return inner;
      const t = title ? ` title="${escapeHtml(decodeReferences(title))}"` : '';
      return `<a href="${escapeHtml(url)}"${t}>${inner}</a>`;
    },
    image({ href, title, tokens, text }: Tokens.Image): string {
      const alt = tokens ? plainText(tokens) : text;
      const url = decodeReferences(href);
      const src = /^attachment:/i.test(url) ? attachmentUrl(url, state()) : directUrl(state(), url, 'img');
      if (src === undefined) return `<span class="image-missing">${escapeHtml(alt)}</span>`;
      const t = title ? ` title="${escapeHtml(decodeReferences(title))}"` : '';
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${t} loading="lazy">`;
    },
  };
}

/** Creates the renderer once per build; `render` may then be called for every cell of every notebook. */
export function createMarkdownRenderer(opts: MarkdownRendererOptions): MarkdownRenderer {
  let current: CallState | undefined;
  const state = (): CallState => {
    if (current === undefined) throw new Error('markdown renderer used outside render()');
    return current;
  };
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    hooks: MASK_MATH,
    // Runs after lexing and before rendering: renderers know whether the sanitizer will follow.
    walkTokens: (token: Token) => {
      if (token.type === 'html') state().rawHtml = true;
    },
    extensions: mathExtensions(state),
    renderer: { ...blockRenderers(opts, state), ...inlineRenderers(state) },
  });
  return {
    render(source, menv) {
      const nesting = markdownNesting(source);
      if (nesting > MAX_MARKDOWN_NESTING) return tooDeep(source, nesting, menv);
      const previous = current;
      const call: CallState = { menv, headings: [], macros: menv.macros ?? {}, ownUrls: new Set(), rawHtml: false };
      current = call;
      try {
        const raw = marked.parse(source, { async: false });
        const tooDeep = (depth: number) =>
          report(
            menv,
            'html-too-deep',
            `${cellLabel(menv)} nests HTML elements over ${Math.min(depth, MAX_HTML_NESTING)} deep; it is shown as its source.`,
            'Close the elements the HTML opens (an unclosed <b> or <table> nests everything after it).',
          );
        return {
          html: call.rawHtml ? sanitizeHtml(raw, { rewriteUrl: urlRewriter(call), tooDeep }) : raw,
          headings: call.headings,
        };
      } finally {
        current = previous;
      }
    },
  };
}

/** A cell nested too deep for marked (see markdown-nesting.ts): its source as preformatted text. */
function tooDeep(source: string, nesting: number, menv: MarkdownEnv): { html: string; headings: Heading[] } {
  const message = `${cellLabel(menv)} nests lists or blockquotes about ${nesting} levels deep, over the limit of ${MAX_MARKDOWN_NESTING}; it is shown as its source.`;
  report(menv, 'markdown-too-deep', message, 'Flatten the lists and quotes of this cell (a few levels read best).');
  return { html: `<pre class="markdown-source">${escapeHtml(source)}</pre>\n`, headings: [] };
}
