import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from '../../test/support/git-repo.js';
import { readManifest, recoverInterruptedSwap, SITE_MARKER, writeSiteFiles, type PlannedFile } from './write-site.js';

const file = (path: string, content: string): PlannedFile => ({
  path,
  origin: path,
  fingerprint: `s:${content}`,
  content: () => content,
});

test('writeSiteFiles: writes the plan, then with the same plan touches nothing', async () => {
  const dir = makeTempDir();
  const out = join(dir, 'site');
  const plan = [
    file('index.html', 'home'),
    file('a/b.html', 'page b'),
    { ...file('a/c.bin', ''), fingerprint: 'g:1', content: async () => new Uint8Array([1, 2]) },
  ];
  const first = await writeSiteFiles(out, plan);
  assert.is(first.written, 3);
  assert.is(readFileSync(join(out, 'a', 'b.html'), 'utf8'), 'page b');
  assert.equal([...readFileSync(join(out, 'a', 'c.bin'))], [1, 2]);
  assert.equal(
    readManifest(out),
    new Map([
      ['index.html', 's:home'],
      ['a/b.html', 's:page b'],
      ['a/c.bin', 'g:1'],
    ]),
  );
  const before = statSync(join(out, 'index.html'));
  let loaded = 0;
  const again = await writeSiteFiles(
    out,
    plan.map((f) => ({ ...f, content: () => (loaded++, 'x') })),
  );
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
  const failing: PlannedFile = {
    path: 'z.html',
    origin: 'z',
    fingerprint: 's:z',
    content: () => Promise.reject(new Error('render cache lost it')),
  };
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
  const image = (path: string): PlannedFile => ({
    path,
    origin: path,
    fingerprint: 'a:fig.png',
    contentAddressed: true,
    content: () => (made++, 'PNG bytes'),
  });
  const result = await writeSiteFiles(out, [
    image('main/_assets/fig.png'),
    image('copy/_assets/fig.png'),
    file('copy/index.html', 'page'),
  ]);
  assert.is(result.written, 3);
  assert.is(made, 1, 'the bytes are made once');
  const a = statSync(join(out, 'main/_assets/fig.png'));
  const b = statSync(join(out, 'copy/_assets/fig.png'));
  assert.is(b.ino, a.ino, 'one file, two names');
  assert.is(readFileSync(join(out, 'copy/_assets/fig.png'), 'utf8'), 'PNG bytes');
  rmSync(dir, { recursive: true, force: true });
});

/** A pid no process has now (one that just exited). */
const deadPid = (): number => spawnSync('true').pid ?? 0;

/** A folder beside the output holding `files`. */
function folder(dir: string, name: string, files: Record<string, string>): string {
  const path = join(dir, name);
  mkdirSync(path);
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(path, rel), text);
  return path;
}

test('recoverInterruptedSwap: folders beside the output that a build did not make are never removed', async () => {
  const dir = makeTempDir('bp-ws-side-');
  const out = join(dir, 'public');
  await writeSiteFiles(out, [file('index.html', 'v1')]);
  const dead = deadPid();
  const theirs = [
    folder(dir, '.public.backup', { 'thesis.tex': 'years of work' }),
    folder(dir, '.public.old-x', { 'notes.md': 'x' }),
    folder(dir, '.public.staging-12a', { 'a.txt': 'x' }),
    folder(dir, '.public.old-', { 'a.txt': 'x' }),
    folder(dir, '.public.old-0', { 'a.txt': 'x' }),
    folder(dir, '.public.old-123456789012', { 'a.txt': 'x' }),
    folder(dir, `.public.old-${dead}`, { 'a.txt': 'named like ours, but no marker' }),
    folder(dir, `.public.staging-${dead}.bak`, { [SITE_MARKER]: 'marker, but not our name' }),
    folder(dir, `.publicx.old-${dead}`, { [SITE_MARKER]: "another output's" }),
  ];
  await writeSiteFiles(out, [file('index.html', 'v2')]);
  recoverInterruptedSwap(out);
  for (const path of theirs) assert.ok(existsSync(path) && readdirSync(path).length === 1, `${path} was removed`);
  assert.is(readFileSync(join(dir, '.public.backup', 'thesis.tex'), 'utf8'), 'years of work');
  assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'v2');
  rmSync(dir, { recursive: true, force: true });
});

test('recoverInterruptedSwap: what a killed build left (marker inside, or empty) is cleared, a cut swap put back', async () => {
  const dir = makeTempDir('bp-ws-killed-');
  const out = join(dir, 'public');
  const dead = deadPid();
  folder(dir, `.public.old-${dead}`, { [SITE_MARKER]: 'marker', 'index.html': 'the previous site' });
  folder(dir, `.public.staging-${dead}`, { [SITE_MARKER]: 'marker', 'half.html': 'half a site' });
  folder(dir, `.public.staging-${deadPid()}`, {});
  recoverInterruptedSwap(out);
  assert.is(
    readFileSync(join(out, 'index.html'), 'utf8'),
    'the previous site',
    'the swap cut between its renames is undone',
  );
  assert.equal(readdirSync(dir), ['public']);
  rmSync(dir, { recursive: true, force: true });
});

test('writeSiteFiles: a folder that has the name of its own staging or previous-site folder but not the marker is refused, not removed', async () => {
  for (const kind of ['staging', 'old']) {
    const dir = makeTempDir('bp-ws-same-name-');
    const out = join(dir, 'public');
    await writeSiteFiles(out, [file('index.html', 'v1')]);
    const mine = folder(dir, `.public.${kind}-${process.pid}`, { 'data.csv': 'mine' });
    await writeSiteFiles(out, [file('index.html', 'v2')]).then(
      () => assert.unreachable('should refuse'),
      (e: Error) =>
        assert.match(
          e.message,
          new RegExp(`refusing to remove .*\\.public\\.${kind}-${process.pid}: binderpress did not make it`),
        ),
    );
    assert.is(readFileSync(join(mine, 'data.csv'), 'utf8'), 'mine');
    assert.is(readFileSync(join(out, 'index.html'), 'utf8'), 'v1', 'the site is as it was');
    assert.equal(readdirSync(dir).sort(), [`.public.${kind}-${process.pid}`, 'public'], 'nothing left behind');
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
