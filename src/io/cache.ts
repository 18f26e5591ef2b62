// A small content-addressed disk cache: `key` (hex, usually a sha256) → bytes.
// Each entry is `bpcache1 {length} {sha256 of payload}\n{payload}`, written to a temp file and
// renamed into place, so a reader never sees half an entry. An entry whose length or hash does
// not match (a crash mid-write on a filesystem without atomic rename, disk trouble, a hand edit)
// reads as a miss; the caller draws the thing again and `set` overwrites it.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export interface DiskCache {
  readonly dir: string;
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, bytes: Uint8Array): Promise<void>;
}

const MAGIC = 'bpcache1';
const KEY = /^[0-9a-f]{16,128}$/;
// Process-wide on purpose: temporary names must differ across every cache this process writes.
let tempCounter = 0;

/** Opens (creating it if needed) a cache folder. */
export async function openCache(dir: string): Promise<DiskCache> {
  await mkdir(dir, { recursive: true });
  return {
    dir,
    get: async (key) => readEntry(entryPath(dir, key)),
    set: async (key, bytes) => writeEntry(entryPath(dir, key), bytes),
  };
}

function entryPath(dir: string, key: string): string {
  if (!KEY.test(key)) throw new Error(`cache key must be lowercase hex (16–128 chars), got ${JSON.stringify(key)}`);
  return join(dir, key.slice(0, 2), key);
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readEntry(path: string): Promise<Uint8Array | undefined> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return undefined;
  }
  const newline = file.indexOf(0x0a);
  if (newline < 0 || newline > 200) return undefined;
  const [magic, length, hash] = file.subarray(0, newline).toString('latin1').split(' ');
  const payload = new Uint8Array(file.buffer, file.byteOffset + newline + 1, file.byteLength - newline - 1);
  if (magic !== MAGIC || Number(length) !== payload.byteLength || hash !== digest(payload)) return undefined;
  return payload;
}

async function writeEntry(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.${++tempCounter}.tmp`;
  const header = Buffer.from(`${MAGIC} ${bytes.byteLength} ${digest(bytes)}\n`, 'latin1');
  try {
    await writeFile(temp, Buffer.concat([header, bytes]));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
