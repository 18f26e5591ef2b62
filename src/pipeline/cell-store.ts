// The cell memo of one render thread (render/cell-memo.ts) over the render cache: records are
// `cell` records, their assets the cache's assets, so every thread of a build, and every later
// build, finds the cells any of them rendered.
import type { RenderStore } from '../io/render-cache.js';
import type { CellMemo } from '../render/cell-memo.js';
import { sha256 } from '../util/hash.js';
import { assetKey, storeAsset } from './entry-store.js';

/** A memo keyed by `base` (`keyBase`: the renderer's code and options), counting asks with `diagramAsks`. */
export function cellMemo(store: RenderStore, base: string, diagramAsks: () => number): CellMemo {
  const cellBase = sha256(`bp-cells-1\u0000${base}`);
  return {
    base: cellBase,
    diagramAsks,
    stats: { rendered: 0, reused: 0 },
    store: {
      get: (key) => {
        const bytes = store.read('cell', key);
        return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      },
      set: (key, record) => store.write('cell', key, record),
      asset: (name) => store.read('asset', assetKey(name)),
      keepAsset: (name, bytes) => storeAsset(store, { name, mime: '', bytes }),
    },
  };
}
