import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from '../test-support/git-repo.js';
import { readManifest, writeSiteFiles, type PlannedFile } from './write-site.js';

const file = (path: string, content: string): PlannedFile => ({ path, origin: path, fingerprint: `s:${content}`, content: () => content });

test('writeSiteFiles: writes the plan, then with the same plan touches nothing', async () => {
  const dir = makeTempDir();
  const out = join(dir, 'site');
  const plan = [file('index.html', 'home'), file('a/b.html', 'page b'), { ...file('a/c.bin', ''), fingerprint: 'g:1', content: async () => new Uint8Array([1, 2]) }];
  const first = await writeSiteFiles(out, plan);
  assert.is(first.written, 3);
  assert.is(readFileSync(join(out, 'a', 'b.html'), 'utf8'), 'page b');
  assert.equal([...readFileSync(join(out, 'a', 'c.bin'))], [1, 2]);
  assert.equal(readManifest(out), new Map([['index.html', 's:home'], ['a/b.html', 's:page b'], ['a/c.bin', 'g:1']]));
  const before = statSync(join(out, 'index.html'));
  let loaded = 0;
  const again = await writeSiteFiles(out, plan.map((f) => ({ ...f, content: () => (loaded++, 'x') })));
  assert.ok(again.unchanged);
  assert.is(again.written, 0);
  assert.is(loaded, 0, 'no content was even made');
  const after = statSync(join(out, 'index.html'));
  assert.is(after.ino, before.ino);
  assert.is(after.mtimeMs, before.mtimeMs);
  rmSync(dir, { recursive: true, force: true });
});

test('writeSiteFiles: one changed file is written, the others hard-linked, a removed one goes', async () => {
  const dir = makeTempDir();
  const out = join(dir, 'site');
  await writeSiteFiles(out, [file('index.html', 'home'), file('a.html', 'a'), file('old.html', 'old')]);
  const a = statSync(join(out, 'a.html'));
  const r = await writeSiteFiles(out, [file('index.html', 'home v2'), file('a.html', 'a')]);
  assert.equal([r.written, r.reused, r.unchanged], [1, 1, false]);
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'home v2');
  assert.is(statSync(join(out, 'a.html')).ino, a.ino, 'linked, not rewritten');
  assert.not.ok(existsSync(join(out, 'old.html')));
  rmSync(dir, { recursive: true, force: true });
});

test('writeSiteFiles: a folder without the marker is refused; a failed content leaves the old site whole', async () => {
  const dir = makeTempDir();
  const foreign = join(dir, 'mine');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'thesis.tex'), 'x');
  await writeSiteFiles(foreign, [file('index.html', 'x')]).then(
    () => assert.unreachable('should refuse'),
    (e: Error) => assert.match(e.message, /refusing to replace/),
  );
  const out = join(dir, 'site');
  await writeSiteFiles(out, [file('index.html', 'v1')]);
  const failing: PlannedFile = { path: 'z.html', origin: 'z', fingerprint: 's:z', content: () => Promise.reject(new Error('render cache lost it')) };
  await writeSiteFiles(out, [file('index.html', 'v2'), failing]).then(
    () => assert.unreachable('should fail'),
    (e: Error) => assert.match(e.message, /render cache lost it/),
  );
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'v1', 'the previous site is untouched');
  assert.not.ok(existsSync(join(dir, `.site.staging-${process.pid}`)), 'staging removed');
  rmSync(dir, { recursive: true, force: true });
});

test('writeSiteFiles: an unwritable place is a one-line error, not a hang (/proc)', async () => {
  await writeSiteFiles('/proc/binderpress-test-site', [file('index.html', 'x')]).then(
    () => assert.unreachable('should fail'),
    (e: Error) => assert.match(e.message, /cannot write the output folder/),
  );
});

test('writeSiteFiles: files with the same bytes are written once and hard-linked', async () => {
  const dir = makeTempDir('bp-ws-same-');
  const out = join(dir, 'site');
  let made = 0;
  const image = (path: string): PlannedFile => ({ path, origin: path, fingerprint: 'a:fig.png', contentAddressed: true, content: () => (made++, 'PNG bytes') });
  const result = await writeSiteFiles(out, [image('main/_assets/fig.png'), image('copy/_assets/fig.png'), file('copy/index.html', 'page')]);
  assert.is(result.written, 3);
  assert.is(made, 1, 'the bytes are made once');
  const a = statSync(join(out, 'main/_assets/fig.png'));
  const b = statSync(join(out, 'copy/_assets/fig.png'));
  assert.is(b.ino, a.ino, 'one file, two names');
  assert.is(readFileSync(join(out, 'copy/_assets/fig.png'), 'utf8'), 'PNG bytes');
  rmSync(dir, { recursive: true, force: true });
});

test.run();
