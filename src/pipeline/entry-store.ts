// Cache keys and the entry records of the render cache. The key names everything rendering a
// notebook depends on except its links (checked against the entry's recorded answers instead,
// so adding a notebook to a branch does not invalidate the others).
import { imagesVersion } from '../io/images.js';
import { rendererFingerprint, type RenderStore } from '../io/render-cache.js';
import type { RenderOptions } from '../render/types.js';
import type { Asset } from '../types.js';
import { sha256 } from '../util/hash.js';
import { answerFor, linksStillHold, type LinkSets, type NotebookEntry } from './entry-types.js';
import type { UnitResult } from './entry-types.js';

/** The part of every key shared by all notebooks of a build (WebP copies change the pages). */
export function keyBase(render: Partial<RenderOptions>, webp = false): string {
  return sha256(JSON.stringify(['bp-render-key-1', rendererFingerprint(), imagesVersion(), render, webp]));
}

// Read once a process: the installed diagram renderers do not change while it runs.
let diagramIds: Promise<string> | undefined;

/**
 * The versions of the diagram renderers, hashed: recorded in the entries of notebooks with
 * diagrams, and compared on a hit. Loaded only when needed (the renderers take ≈1 s to load).
 */
export function diagramRendererIds(): Promise<string> {
  diagramIds ??= (async () => {
    const [{ createDrawer }, { DIAGRAM_KINDS }] = await Promise.all([
      import('../diagrams/draw.js'),
      import('../diagrams/kind.js'),
    ]);
    const drawer = createDrawer();
    const ids: string[] = [];
    for (const kind of DIAGRAM_KINDS) ids.push(await drawer.rendererId(kind));
    return sha256(JSON.stringify(ids));
  })();
  return diagramIds;
}

export function cacheKey(base: string, blob: string, path: string): string {
  return sha256(`${base}\u0000${blob}\u0000${path}`);
}

/** The name an asset is stored under: the hex part of `{hash}.{ext}`. */
export function assetKey(name: string): string {
  return name.slice(0, name.indexOf('.') === -1 ? undefined : name.indexOf('.'));
}

function isEntry(value: unknown): value is NotebookEntry {
  const e = value as Partial<NotebookEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    e.v === 1 &&
    Array.isArray(e.headings) &&
    Array.isArray(e.assets) &&
    Array.isArray(e.diagnostics) &&
    Array.isArray(e.imports) &&
    typeof e.search === 'string' &&
    Array.isArray(e.links) &&
    typeof e.htmlHash === 'string' &&
    (e.feedHtmlHash === undefined || typeof e.feedHtmlHash === 'string') &&
    (e.diagrams === undefined || typeof e.diagrams === 'string') &&
    (e.scripts === undefined ||
      (Array.isArray(e.scripts) && e.scripts.every((s) => typeof s === 'string' && s.startsWith('_static/')))) &&
    (e.meta === undefined || (typeof e.meta === 'object' && typeof e.meta.title === 'string'))
  );
}

/**
 * The key an entry is also stored under, naming the answers its links got: one blob at one path
 * in two branches whose links resolve differently has one entry per variant.
 */
function variantKey(key: string, answers: readonly (readonly [string, string])[]): string {
  return sha256(`${key}\u0000${JSON.stringify(answers)}`);
}

/**
 * The entry for `key` whose links hold for `links`: the last one stored, else the variant made
 * for these answers. HTML and assets are checked for presence here and verified when read.
 */
export function findEntry(
  store: RenderStore,
  key: string,
  links: LinkSets,
): { entry?: NotebookEntry; key: string; conflict: boolean } {
  const latest = loadEntry(store, key);
  if (!latest) return { key, conflict: false };
  if (linksStillHold(latest, links)) return { entry: latest, key, conflict: false };
  const variant = variantKey(
    key,
    latest.links.map(([target]) => [target, answerFor(links, target)]),
  );
  const other = loadEntry(store, variant);
  return other && linksStillHold(other, links)
    ? { entry: other, key: variant, conflict: true }
    : { key, conflict: true };
}

/** A valid entry whose HTML and assets are all present, or undefined (missing, corrupt, incomplete). */
function loadEntry(store: RenderStore, key: string): NotebookEntry | undefined {
  const bytes = store.read('entry', key);
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isEntry(value)) return undefined;
  if (
    !store.has('html', value.htmlHash) ||
    (value.feedHtmlHash !== undefined && !store.has('html', value.feedHtmlHash))
  )
    return undefined;
  if (value.assets.some((a) => !store.has('asset', assetKey(a.name)))) return undefined;
  return value;
}

/**
 * An entry's HTML (or the feeds' copy, by `hash`) read back as UTF-8 bytes, verified against the
 * hash the entry recorded (the store checks it: `RenderStore.read`). Pages take the bytes as they are: decoding and encoding
 * again cost more than the rest of a page.
 */
export function loadHtmlBytes(store: RenderStore, entry: NotebookEntry, hash = entry.htmlHash): Buffer | undefined {
  const bytes = store.read('html', hash);
  return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function storeAsset(store: RenderStore, asset: Asset): void {
  if (!store.has('asset', assetKey(asset.name))) store.write('asset', assetKey(asset.name), asset.bytes);
}

/**
 * A cache record found damaged while the site was written (entries are checked cheaply on a hit;
 * HTML and assets are verified when read). The build forgets the records and runs again.
 */
export class DamagedCacheError extends Error {
  constructor(
    readonly records: readonly { readonly kind: 'entry' | 'html' | 'asset'; readonly key: string }[],
    what: string,
  ) {
    super(`the render cache holds a damaged record (${what}); it is dropped and the notebook rendered again`);
  }
}

/**
 * Stores the HTML and assets of a rendered notebook, and its entry when it may be reused; also
 * under its variant key when another branch's links resolve differently (`conflict`).
 */
export function storeUnit(store: RenderStore, key: string, result: UnitResult, conflict = false): NotebookEntry {
  for (const asset of result.assets) storeAsset(store, asset);
  if (!store.has('html', result.entry.htmlHash)) store.write('html', result.entry.htmlHash, result.html);
  const feedHash = result.entry.feedHtmlHash;
  if (feedHash !== undefined && result.feedHtml !== undefined && !store.has('html', feedHash))
    store.write('html', feedHash, result.feedHtml);
  if (result.cacheable) {
    const json = JSON.stringify(result.entry);
    store.write('entry', key, json);
    if (conflict) store.write('entry', variantKey(key, result.entry.links), json);
  }
  return result.entry;
}
