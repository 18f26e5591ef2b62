import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from '../../test/support/git-repo.js';
import { sha256 } from '../util/hash.js';
import { openRenderStore, rendererFingerprint } from './render-cache.js';

const KEY = 'ab'.repeat(32);
const fileOf = (dir: string, kind: string) => join(dir, kind, KEY.slice(0, 2), KEY);

test('openRenderStore: what is written reads back, in every kind, across openings', () => {
  const dir = makeTempDir();
  const store = openRenderStore(dir);
  const html = sha256('<p>héllo</p>');
  const asset = sha256(new Uint8Array([1, 2, 3]), 16);
  store.write('html', html, '<p>héllo</p>');
  store.write('asset', asset, new Uint8Array([1, 2, 3]));
  const again = openRenderStore(dir);
  assert.is(Buffer.from(again.read('html', html) as Uint8Array).toString('utf8'), '<p>héllo</p>');
  assert.equal([...(again.read('asset', asset) as Uint8Array)], [1, 2, 3]);
  assert.ok(again.has('html', html));
  assert.not.ok(again.has('entry', html), 'kinds are separate');
  assert.is(again.read('entry', html), undefined);
  again.forget('html', html);
  assert.is(again.read('html', html), undefined);
  assert.throws(() => store.read('entry', '../../etc/passwd'), /lowercase hex/);
  rmSync(dir, { recursive: true, force: true });
});

test('openRenderStore: a truncated record, a flipped byte or a foreign file reads as a miss', () => {
  const dir = makeTempDir();
  const store = openRenderStore(dir);
  const payload = 'x'.repeat(500);
  store.write('entry', KEY, payload);
  const path = fileOf(dir, 'entry');
  const whole = readFileSync(path);
  writeFileSync(path, whole.subarray(0, whole.length - 10));
  assert.is(store.read('entry', KEY), undefined, 'truncated');
  const flipped = Buffer.from(whole);
  flipped[flipped.length - 100] = 0x79;
  writeFileSync(path, flipped);
  assert.is(store.read('entry', KEY), undefined, 'one byte changed');
  writeFileSync(path, payload);
  assert.is(store.read('entry', KEY), undefined, 'no header');
  store.write('entry', KEY, payload);
  assert.is(Buffer.from(store.read('entry', KEY) as Uint8Array).toString(), payload, 'rewritten whole');
  assert.equal(readdirSync(join(dir, 'entry', KEY.slice(0, 2))), [KEY], 'no temp files left');
  rmSync(dir, { recursive: true, force: true });
});

test('openRenderStore: HTML or an asset stored under a key that is not its hash reads as a miss', () => {
  const dir = makeTempDir();
  const store = openRenderStore(dir);
  store.write('html', KEY, '<p>not what the key names</p>');
  store.write('asset', KEY.slice(0, 16), new Uint8Array([9]));
  store.write('entry', KEY, '{"named":"by what it is for"}');
  assert.ok(store.has('html', KEY), 'the record is there, whole');
  assert.is(store.read('html', KEY), undefined);
  assert.is(store.read('asset', KEY.slice(0, 16)), undefined);
  assert.ok(store.read('entry', KEY), 'entries are named by their inputs, not their bytes');
  rmSync(dir, { recursive: true, force: true });
});

test('openRenderStore: without a folder, a temporary store removed by dispose()', () => {
  const store = openRenderStore(undefined);
  store.write('html', KEY, 'a');
  assert.ok(existsSync(store.dir));
  store.dispose();
  assert.not.ok(existsSync(store.dir));
  const dir = makeTempDir();
  openRenderStore(dir).dispose();
  assert.ok(existsSync(dir), 'a given folder is kept');
  rmSync(dir, { recursive: true, force: true });
});

test('openRenderStore: a store opened on a folder made again keeps what it writes', () => {
  // As after `rm -rf .cache` between two builds of one process (serve): what an earlier store made
  // says nothing about the folder now.
  const dir = makeTempDir();
  openRenderStore(dir).write('entry', KEY, 'first build');
  rmSync(dir, { recursive: true, force: true });
  const store = openRenderStore(dir);
  store.write('entry', KEY, 'second build');
  assert.is(Buffer.from(store.read('entry', KEY) ?? []).toString('utf8'), 'second build');
  rmSync(dir, { recursive: true, force: true });
});

test('rendererFingerprint: a stable hex id of the renderer code', () => {
  assert.match(rendererFingerprint(), /^[0-9a-f]{64}$/);
  assert.is(rendererFingerprint(), rendererFingerprint());
});

test.run();
