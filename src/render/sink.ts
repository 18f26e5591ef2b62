// Per-notebook collector of assets (content-hashed, deduplicated) and diagnostics, and the state
// shared by the cell renderers of one notebook.
import type { Asset, Diagnostic, Heading } from '../types.js';
import { sha256 } from '../util/hash.js';
import type { FeedCuts } from './feed-cut.js';
import type { MathMacros } from './math.js';
import type { PageCuts } from './page-cut.js';
import type { RenderContext, RenderEnv, RenderSink, Slugger } from './types.js';
import type { WidgetPage } from './widgets.js';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/flac': 'flac',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/webm': 'weba',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/ogg': 'ogv',
  'video/quicktime': 'mov',
  'application/pdf': 'pdf',
  'application/json': 'json',
  'text/plain': 'txt',
};

/** File extension for a MIME type (`bin` when unknown). */
export function extensionFor(mime: string): string {
  return EXTENSIONS[mime.toLowerCase()] ?? 'bin';
}

/** Content hash used for asset names and image lookups: sha256, 16 hex characters. */
export function assetHash(bytes: Uint8Array): string {
  return sha256(bytes, 16);
}

/** Told of every asset added and diagnostic reported (cell-memo.ts records a cell's). */
export interface SinkWatcher {
  asset(name: string, mime: string, bytes: Uint8Array): void;
  report(d: Omit<Diagnostic, 'branch' | 'path'>): void;
}

export interface NotebookSink extends RenderSink {
  /** Assets in the order they were first added. */
  assets(): Asset[];
  /** Diagnostics with branch and path filled in, in the order reported. */
  diagnostics(): Diagnostic[];
  /** Sets (or, with `undefined`, clears) the one watcher. */
  watch(watcher: SinkWatcher | undefined): void;
}

/** A sink for the notebook at `path` on `branch`. */
export function createSink(branch: string, path: string): NotebookSink {
  const assets = new Map<string, Asset>();
  const diagnostics: Diagnostic[] = [];
  let watcher: SinkWatcher | undefined;
  return {
    addAsset(bytes, mime) {
      const name = `${assetHash(bytes)}.${extensionFor(mime)}`;
      if (!assets.has(name)) assets.set(name, { name, mime: mime.toLowerCase(), bytes });
      watcher?.asset(name, mime, bytes);
      return name;
    },
    report(d) {
      diagnostics.push({ ...d, branch, path });
      watcher?.report(d);
    },
    watch(w) {
      watcher = w;
    },
    assets: () => [...assets.values()],
    diagnostics: () => [...diagnostics],
  };
}

/** Everything the renderers of one notebook share; one per `renderNotebook` call. */
export interface RenderScope {
  readonly ctx: RenderContext;
  readonly env: RenderEnv;
  readonly sink: NotebookSink;
  readonly slugger: Slugger;
  /** Headings of markdown cells, in document order. */
  readonly headings: Heading[];
  /** The TeX macros the notebook's math has defined so far, shared by all its markdown. */
  readonly macros: MathMacros;
  /** Title used in generated alt text: notebook metadata, else the first heading, else the file name. */
  title: string;
  /** Whether `title` is final (from metadata or a heading already seen). */
  titleFixed: boolean;
  /** Number of figures (images, diagrams) rendered so far. */
  figures: number;
  /** The feeds' copy of long outputs (see feed-cut.ts); without it, only the page is rendered. */
  readonly feed?: FeedCuts;
  /** What the page may still hold of outputs (see page-cut.ts); without it, every output is rendered whole. */
  readonly page?: PageCuts;
  /** The notebook's saved widget state, and the models its live widget views need. */
  readonly widgets?: WidgetPage;
}

/** Where an output is rendered: the cell's index (0-based) and the cell itself. */
export interface CellPlace {
  readonly index: number;
  readonly id: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * The page anchor of a cell: `cell-` and its id, unless the id already starts so (ids made for
 * cells without one, and many tools' ids, read `cell-0`: its anchor is `#cell-0`, not `#cell-cell-0`).
 */
export function cellAnchor(id: string): string {
  return id.startsWith('cell-') ? id : `cell-${id}`;
}
