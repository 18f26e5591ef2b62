import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../util/hash.js';
import { openCache } from './cache.js';

function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bp-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test('openCache: set then get returns the same bytes; a missing key is undefined', () =>
  withDir(async (dir) => {
    const cache = await openCache(join(dir, 'c'));
    const key = sha256('some source');
    assert.is(await cache.get(key), undefined);
    await cache.set(key, bytes('drawn diagram'));
    assert.equal(new TextDecoder().decode(await cache.get(key)), 'drawn diagram');
    const reopened = await openCache(join(dir, 'c'));
    assert.equal(new TextDecoder().decode(await reopened.get(key)), 'drawn diagram', 'persists on disk');
    await cache.set(key, bytes('v2'));
    assert.equal(new TextDecoder().decode(await cache.get(key)), 'v2', 'overwrites');
  }));

test('openCache: writes leave no temp files behind', () =>
  withDir(async (dir) => {
    const cache = await openCache(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => cache.set(sha256(`k${i % 5}`), bytes(`value ${i}`))));
    const files = readdirSync(dir, { recursive: true }).map(String);
    assert.not.ok(
      files.some((f) => f.endsWith('.tmp')),
      files.join(', '),
    );
    for (let i = 0; i < 5; i++) assert.ok((await cache.get(sha256(`k${i}`)))?.byteLength);
  }));

test('openCache: a corrupt entry (truncated, flipped byte, wrong header) reads as a miss and can be rewritten', () =>
  withDir(async (dir) => {
    const cache = await openCache(dir);
    const key = sha256('x');
    const path = join(dir, key.slice(0, 2), key);
    await cache.set(key, bytes('0123456789'));
    const good = readFileSync(path);
    writeFileSync(path, good.subarray(0, good.byteLength - 3));
    assert.is(await cache.get(key), undefined, 'truncated');
    const flipped = Buffer.from(good);
    flipped[flipped.byteLength - 1] = (flipped[flipped.byteLength - 1] ?? 0) ^ 1;
    writeFileSync(path, flipped);
    assert.is(await cache.get(key), undefined, 'payload does not match its hash');
    writeFileSync(path, 'garbage without a header');
    assert.is(await cache.get(key), undefined, 'no header');
    await cache.set(key, bytes('0123456789'));
    assert.equal(new TextDecoder().decode(await cache.get(key)), '0123456789');
  }));

test('openCache: keys must be hex (no path tricks)', () =>
  withDir(async (dir) => {
    const cache = await openCache(dir);
    for (const key of ['../../etc/passwd', 'ABCDEF0123456789', '']) {
      const error = await cache.get(key).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.instance(error, Error, key);
    }
  }));

test.run();
