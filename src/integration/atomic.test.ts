// A build killed with SIGKILL at any moment leaves the previous site whole: the real CLI is
// killed at many points of a build and the output folder is compared file by file.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { recoverInterruptedSwap } from '../io/write-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../test-support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEIGBn+MzAwAAAw7gP9bq2fLQAAAABJRU5ErkJggg==';

let repo: TestRepo;
let work: string;

/** path → sha256 of every file under dir. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const full = join(dir, rel);
    if (statSync(full).isFile()) out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return out;
}

function cliBuild(out: string, branches: string[]) {
  return spawnSync(process.execPath, [BIN, 'build', '--repo', repo.dir, '--out', out, '--no-cache', '--quiet', '--site-url', 'https://example.org/', '--branches', ...branches], { encoding: 'utf8' });
}

test.before(() => {
  repo = makeRepo('https://github.com/octo/atomic.git');
  work = makeTempDir('bp-atomic-');
  repo.commit('small', { 'one.ipynb': notebookJson([md('# One\n\nThe old site.')]) }, 'small');
  const many: Record<string, string> = {};
  for (let i = 0; i < 120; i++) {
    many[`unit-${i}/lesson ${i}.ipynb`] = notebookJson([
      md(`# Lesson ${i}\n\nSome $x_${i}^2$ math and **text**.\n\n## Part\n\nMore.`),
      code(`import numpy as np\nprint(${i})`, [
        { output_type: 'stream', name: 'stdout', text: [`${i}\n`] },
        { output_type: 'display_data', data: { 'image/png': PNG, 'text/plain': ['<Figure>'] }, metadata: {} },
      ]),
    ]);
  }
  repo.commit('big', many, 'big');
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('SIGKILL at any point of a build leaves the previous site whole', async () => {
  const out = join(work, 'public');
  assert.is(cliBuild(out, ['small']).status, 0);
  const before = snapshot(out);
  assert.ok(before.has('small/one.html'));
  // The complete new site, for comparison: built elsewhere.
  const fresh = join(work, 'fresh');
  assert.is(cliBuild(fresh, ['small', 'big']).status, 0);
  const after = snapshot(fresh);
  let sawOld = 0;
  for (const delay of [50, 150, 300, 500, 700, 900, 1200, 1500, 2000, 2600]) {
    const child = spawn(process.execPath, [BIN, 'build', '--repo', repo.dir, '--out', out, '--no-cache', '--quiet', '--site-url', 'https://example.org/', '--branches', 'small', 'big'], { stdio: 'ignore' });
    // listen before killing: on a fast machine the build may finish before the delay is up
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGKILL');
    await exited;
    // Whatever moment the kill hit, the folder holds a whole site: the old one, or the new one if
    // the swap had finished. A swap cut between its two renames is put right first thing by the
    // next build (recoverInterruptedSwap), which is what a reader after the next build sees.
    recoverInterruptedSwap(out);
    const now = existsSync(out) ? snapshot(out) : new Map<string, string>();
    const whole = (ref: Map<string, string>) => now.size === ref.size && [...ref].every(([k, v]) => now.get(k) === v || k === '.binderpress-site');
    assert.ok(whole(before) || whole(after), `after a kill at ${delay} ms the output is neither the old nor the new site (${now.size} files)`);
    if (whole(before)) sawOld++;
    else {
      // the new site landed: restore the old one for the next round
      rmSync(out, { recursive: true, force: true });
      assert.is(cliBuild(out, ['small']).status, 0);
    }
  }
  assert.ok(sawOld > 0, 'at least one kill landed mid-build');
  assert.is(cliBuild(out, ['small']).status, 0);
  assert.equal(readdirSync(work).filter((n) => n.startsWith('.public.')), [], 'the next build clears what a killed one left');
});

test.run();
