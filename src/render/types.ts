// Contracts between the render modules. Rendering is pure and synchronous once the context
// (shiki highlighter, Marked instance, diagrams already drawn) has been prepared.
import type { RuleId } from '../rules.js';
import type { Asset, Diagnostic, Heading } from '../types.js';
import type { CellMemo } from './cell-memo.js';
import type { MathMacros } from './math.js';

/** nbconvert's display priority plus the types nbconvert lacks; first match wins. */
export const DEFAULT_MIME_PRIORITY: readonly string[] = [
  'application/vnd.jupyter.widget-view+json',
  'application/vnd.vegalite.v5+json',
  'application/vnd.vegalite.v4+json',
  'application/vnd.vegalite.v3+json',
  'application/vnd.vega.v5+json',
  'application/vnd.plotly.v1+json',
  'text/vnd.mermaid',
  'application/javascript',
  'text/html',
  'text/markdown',
  'image/svg+xml',
  'text/latex',
  'image/png',
  'image/webp',
  'image/gif',
  'image/jpeg',
  'application/json',
  'text/plain',
];

export interface RenderOptions {
  /** Show `[3]:` prompts beside code cells. */
  readonly showExecutionCount: boolean;
  /** MIME types in order of preference; the user may override. */
  readonly mimePriority: readonly string[];
  /** Outputs longer than this many lines are collapsed behind an expander (never dropped). */
  readonly collapseLines: number;
}

export const DEFAULT_RENDER_OPTIONS: RenderOptions = {
  showExecutionCount: true,
  mimePriority: DEFAULT_MIME_PRIORITY,
  collapseLines: 80,
};

/** Where the notebook being rendered lives, and how to point at other things. */
export interface RenderEnv {
  readonly branch: string;
  /** Notebook path inside the branch, `/`-separated. */
  readonly path: string;
  /** Language of code cells (`python`, `r`, `julia`, …). */
  readonly language: string;
  /**
   * URL, relative to this notebook's page, of a file of the same branch given its normalized
   * branch path (a `.ipynb` maps to its rendered page). `undefined` when the branch has no such file.
   */
  readonly urlFor: (branchPath: string) => string | undefined;
  /** URL, relative to this notebook's page, of a rendered asset by its name. */
  readonly assetUrl: (name: string) => string;
}

/** Per-notebook collector: assets by content hash, diagnostics. */
export interface RenderSink {
  /** Stores bytes as a content-hashed asset and returns its name (`{hash}.{ext}`). */
  addAsset(bytes: Uint8Array, mime: string): string;
  report(d: Omit<Diagnostic, 'branch' | 'path'>): void;
}

export interface MarkdownResult {
  readonly html: string;
  readonly headings: readonly Heading[];
}

/** Assigns unique heading ids within one notebook (GitHub style: `my-heading`, `my-heading-1`). */
export interface Slugger {
  slug(text: string): string;
}

export interface MarkdownEnv {
  readonly env: RenderEnv;
  readonly sink: RenderSink;
  readonly slugger: Slugger;
  /** Cell attachments (`attachment:name.png`), name → MIME bundle. */
  readonly attachments?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly cell?: number;
  /**
   * The TeX macros the notebook has defined so far, which this text's math reads and defines into
   * (`\newcommand` in one cell is known in the later ones). Without it, a definition holds for
   * the one text only.
   */
  readonly macros?: MathMacros;
}

export interface MarkdownRenderer {
  /** Markdown (GFM + math) to sanitized HTML. */
  render(source: string, menv: MarkdownEnv): MarkdownResult;
}

/** A diagram drawn at build time; files are assets (SVG for the page, PNG for feeds). */
export interface DiagramImage {
  readonly svg: string; // asset name
  readonly png: string; // asset name
  readonly width: number;
  readonly height: number;
  /** Asset bytes so the renderer can hand them to the sink. */
  readonly assets: readonly Asset[];
}
/** A failure may name its own rule and hint (a diagram stopped by a limit); else `diagram-invalid`. */
export type DiagramResult =
  | { readonly ok: true; readonly image: DiagramImage }
  | { readonly ok: false; readonly error: string; readonly rule?: RuleId; readonly hint?: string };

/** Diagrams drawn before rendering, looked up by kind and source. */
export interface DiagramLookup {
  get(kind: string, source: string): DiagramResult | undefined;
}

/** What the image stage (sharp, before rendering) learnt about a raster image, by content hash. */
export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  /** A WebP copy, present only when it is smaller than the original. */
  readonly webp?: Asset;
  /** A downscaled copy for the page when the original is huge (the original stays for download). */
  readonly display?: Asset & { readonly width: number; readonly height: number };
}

/** Raster images measured before rendering, looked up by the sha256 (hex, 16 chars) of their bytes. */
export interface ImageLookup {
  get(hash: string): ImageInfo | undefined;
}

export interface RenderContext {
  readonly options: RenderOptions;
  readonly markdown: MarkdownRenderer;
  /** Syntax-highlighted, escaped HTML (`<pre class="shiki">…`); unknown language → plain. */
  highlight(code: string, language: string): string;
  readonly diagrams: DiagramLookup;
  readonly images: ImageLookup;
  /** Cells rendered before, reused (see cell-memo.ts); without it, every cell is rendered. */
  readonly cells?: CellMemo;
  /** Told each cell's index before it is rendered, and undefined after the last (a render process says where it is). */
  readonly onCell?: (index: number | undefined) => void;
}
