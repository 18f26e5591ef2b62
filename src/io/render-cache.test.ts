import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from '../test-support/git-repo.js';
import { openRenderStore, rendererFingerprint } from './render-cache.js';

const KEY = 'ab'.repeat(32);
const fileOf = (dir: string, kind: string) => join(dir, kind, KEY.slice(0, 2), KEY);

test('openRenderStore: what is written reads back, in every kind, across openings', () => {
  const dir = makeTempDir();
  const store = openRenderStore(dir);
  store.write('html', KEY, '<p>héllo</p>');
  store.write('asset', KEY.slice(0, 16), new Uint8Array([1, 2, 3]));
  const again = openRenderStore(dir);
  assert.is(Buffer.from(again.read('html', KEY) as Uint8Array).toString('utf8'), '<p>héllo</p>');
  assert.equal([...(again.read('asset', KEY.slice(0, 16)) as Uint8Array)], [1, 2, 3]);
  assert.ok(again.has('html', KEY));
  assert.not.ok(again.has('entry', KEY), 'kinds are separate');
  assert.is(again.read('entry', KEY), undefined);
  again.forget('html', KEY);
  assert.is(again.read('html', KEY), undefined);
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

test('rendererFingerprint: a stable hex id of the renderer code', () => {
  assert.match(rendererFingerprint(), /^[0-9a-f]{64}$/);
  assert.is(rendererFingerprint(), rendererFingerprint());
});

test.run();
