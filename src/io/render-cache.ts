// The persistent render cache: what rendering one notebook produced, keyed by everything that
// affects it (blob, path, renderer code and version, render options, diagram renderers), and the
// asset files it made, stored by content hash. Synchronous on purpose: entries are small files
// read in a tight loop, and render processes write to the same folder.
//
// Every file is `bpcache1 {length} {sha256 of payload}\n{payload}` (the format of io/cache.ts),
// written in place. A file whose header, length or hash is wrong (truncated, half-written by a
// killed build, a flipped byte, a foreign file) reads as a miss and is rewritten by the next
// render: a corrupt cache is detected and ignored, never trusted. No temp file and rename: that
// doubled the file-system operations of a cold build, and the checksum already catches a torn
// write. Two threads writing one key write the same bytes (keys name their content). Stale
// entries cannot be hit: the key changes with the renderer (see `rendererFingerprint`).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { codeGraphFingerprint } from './code-graph.js';

const MAGIC = 'bpcache1';
const HEX = /^[0-9a-f]{16,128}$/;

/** Notebook entries, HTML, assets, and the records of single cells (render/cell-memo.ts). */
type Kind = 'entry' | 'html' | 'asset' | 'cell';

export interface RenderStore {
  readonly dir: string;
  /**
   * Payload of an entry, or undefined when missing or corrupt. HTML and assets are stored under
   * (a prefix of) their sha256, and a payload whose verified hash does not start with its key is
   * refused: what `read` returns for them needs no hashing again.
   */
  read(kind: Kind, key: string): Uint8Array | undefined;
  write(kind: Kind, key: string, bytes: Uint8Array | string): void;
  /** True when the entry exists (not verified: `read` verifies). */
  has(kind: Kind, key: string): boolean;
  /** Removes a record (a damaged one, so it is made again). */
  forget(kind: Kind, key: string): void;
  /** Removes a temporary store (one made by `openRenderStore(undefined)`); no-op otherwise. */
  dispose(): void;
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Opens the store in `dir` when that folder can be written (it is made if missing), else a
 * temporary one, saying why in `unwritable`: a build whose cache cannot keep its records would
 * find every record missing when it writes the site.
 */
export function openWritableStore(dir: string): { store: RenderStore; unwritable?: string } {
  try {
    const store = openRenderStore(dir);
    const probe = join(store.dir, `.probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return { store };
  } catch (error) {
    return { store: openRenderStore(undefined), unwritable: (error as Error).message };
  }
}

/** Opens the store in `dir`; without a folder, a temporary one removed by `dispose()`. */
export function openRenderStore(dir: string | undefined): RenderStore {
  const temporary = dir === undefined;
  const root = dir ?? mkdtempSync(join(tmpdir(), 'bp-render-'));
  mkdirSync(root, { recursive: true });
  const madeDirs = new Set<string>(); // folders this store has made (a mkdir a write saved)
  const pathOf = (kind: string, key: string): string => {
    if (!HEX.test(key)) throw new Error(`render cache key must be lowercase hex, got ${JSON.stringify(key)}`);
    return join(root, kind, key.slice(0, 2), key);
  };
  return {
    dir: root,
    read: (kind, key) => readEntry(pathOf(kind, key), kind === 'entry' || kind === 'cell' ? undefined : key),
    write: (kind, key, bytes) =>
      writeEntry(pathOf(kind, key), typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, madeDirs),
    has: (kind, key) => {
      try {
        return statSync(pathOf(kind, key)).isFile();
      } catch {
        return false;
      }
    },
    forget: (kind, key) => rmSync(pathOf(kind, key), { force: true }),
    dispose: () => {
      if (temporary) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The verified payload; with `hashPrefix`, only when the payload's sha256 starts with it. */
function readEntry(path: string, hashPrefix?: string): Uint8Array | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  const newline = file.indexOf(0x0a);
  if (newline < 0 || newline > 200) return undefined;
  const [magic, length, hash] = file.subarray(0, newline).toString('latin1').split(' ');
  const payload = file.subarray(newline + 1);
  if (
    magic !== MAGIC ||
    Number(length) !== payload.byteLength ||
    (hashPrefix !== undefined && !hash?.startsWith(hashPrefix))
  )
    return undefined;
  if (hash !== digest(payload)) return undefined;
  return payload;
}

/** Writes an entry; `madeDirs` holds the folders already made, so each is made once. */
function writeEntry(path: string, bytes: Uint8Array, madeDirs: Set<string>): void {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const header = Buffer.from(`${MAGIC} ${bytes.byteLength} ${digest(bytes)}\n`, 'latin1');
  try {
    writeFileSync(path, Buffer.concat([header, bytes]));
  } catch {
    madeDirs.delete(dir); // the folder may have been removed under us: make it again next time
    rmSync(path, { force: true }); // a full disk or a read-only cache only costs speed
  }
}

/** Bump when the cache entry layout or anything rendering depends on changes without a code change. */
const RENDER_CACHE_VERSION = 'bp-render-1';

/**
 * The modules pass 1 starts from: the render pass, and the renderer its render processes run.
 * Everything they import is found by following the imports.
 */
export const PASS1_ENTRIES = [
  'pipeline/render-pass',
  'pipeline/batch-renderer',
  'workers/pool',
  'workers/render-worker',
];

/**
 * Identifies the renderer: the cache version, the package and its pinned dependencies, and the
 * code of every module pass 1 loads between the bytes and the cached entry. Editing any of them
 * (or upgrading a dependency) changes every key, so a stale entry is never hit.
 */
export function rendererFingerprint(root?: string): string {
  return codeGraphFingerprint(RENDER_CACHE_VERSION, PASS1_ENTRIES, root);
}
