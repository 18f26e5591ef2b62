// Messages between the build and its render workers (structured-cloned, so plain data only).
import type { RenderOptions } from '../render/types.js';
import type { DiagramResult, ImageInfo } from '../render/types.js';
import type { Diagnostic } from '../types.js';
import type { NotebookEntry } from '../pipeline/entry-types.js';

export interface WorkerSetup {
  readonly render: Partial<RenderOptions>;
  /** The render store's folder (workers write HTML, assets and entries there themselves). */
  readonly storeDir: string;
  /** `cellKeyBase` of the build: cell records are keyed as on the main thread (none: no reuse). */
  readonly cellBase?: string;
}

/** The link targets of one build, sent once per worker before its first job of that build. */
export interface LinksMessage {
  readonly type: 'links';
  readonly id: number;
  readonly notebooks: readonly string[];
  readonly files: readonly string[];
}

export interface JobMessage {
  readonly type: 'job';
  readonly seq: number;
  readonly key: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly links: number;
  readonly conflict: boolean;
  /** The answers the diagram and image lookups give for this notebook. */
  readonly diagrams: readonly (readonly [string, string, DiagramResult])[];
  readonly images: readonly (readonly [string, ImageInfo])[];
  readonly extraDiagnostics: readonly Diagnostic[];
  readonly diagramIds?: string;
}

export type ToWorker = LinksMessage | JobMessage;

export type FromWorker =
  | { readonly type: 'done'; readonly seq: number; readonly entry: NotebookEntry }
  | { readonly type: 'failed'; readonly seq: number; readonly error: string };
