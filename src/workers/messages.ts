// What the build sends its render processes (serialized with the structured-clone algorithm, so
// plain data only), and what they report while they work.
import type { RenderOptions } from '../render/types.js';
import type { DiagramResult, ImageInfo } from '../render/types.js';
import type { Diagnostic } from '../types.js';

/** Given to each render process as its one argument, as JSON. */
export interface WorkerSetup {
  readonly render: Partial<RenderOptions>;
  /** The render store's folder (render processes write HTML, assets and entries there themselves). */
  readonly storeDir: string;
  /** `cellKeyBase` of the build: cell records are keyed as on the main thread (none: no reuse). */
  readonly cellBase?: string;
  /** Render a warm-up notebook before saying it is ready (see pool.ts, WARM_UP_FROM). */
  readonly warmUp?: boolean;
}

export interface RenderTask {
  readonly key: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  /** The build's link targets, by an id that is the same for every task of that build. */
  readonly links: { readonly id: number; readonly notebooks: readonly string[]; readonly files: readonly string[] };
  readonly conflict: boolean;
  /** The answers the diagram and image lookups give for this notebook. */
  readonly diagrams: readonly (readonly [string, string, DiagramResult])[];
  readonly images: readonly (readonly [string, ImageInfo])[];
  readonly extraDiagnostics: readonly Diagnostic[];
  readonly diagramIds?: string;
}

/** Reported before each cell is rendered (its index), and once the cells are done (null). */
export type CellProgress = number | null;
