// End to end: an output image that sharp cannot read (a JPEG cut off while it was written) is
// reported as a warning that names the folder, the notebook and the cell, from a cold build and
// from the cache alike, and never as a bare line naming only the image's hash.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A code cell whose output is the JPEG `bytes`. */
function jpegCell(source: string, bytes: Buffer) {
  return {
    ...code(source),
    outputs: [
      {
        output_type: 'display_data',
        metadata: {},
        data: { 'image/jpeg': bytes.toString('base64'), 'text/plain': '<Image>' },
      },
    ],
  };
}

test('an unreadable output image is a warning naming the notebook and cell, cold and from the cache', async () => {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .jpeg({ progressive: true })
    .toBuffer();
  const cut = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
  const dir = makeTempDir('bp-imgwarn-');
  const work = makeTempDir('bp-imgwarn-out-');
  mkdirSync(join(dir, 'course'));
  writeFileSync(
    join(dir, 'course', 'photos.ipynb'),
    notebookJson([md('# Photos'), jpegCell('show("good.jpg")', jpeg), jpegCell('show("cut.jpg")', cut)]),
  );
  const args = ['build', '--dir', dir, '--out', join(work, 'site'), '--cache', join(work, 'cache')];
  for (const run of ['cold', 'cached']) {
    const r = cli(args);
    assert.is(r.code, 0, r.stderr);
    const warnings = r.stderr.split('\n').filter((line) => line.includes('[image-unreadable]'));
    assert.is(warnings.length, 1, `${run}: one warning, for the cut image only\n${r.stderr}`);
    assert.match(
      warnings[0] as string,
      /^warning \(folder course, photos\.ipynb, cell 3\): An image\/jpeg output cannot be read \(VipsJpeg: [^)]+\)/,
      `${run}: ${warnings[0]}`,
    );
    assert.not.match(r.stderr + r.stdout, /^image [0-9a-f]{16}:/m, `${run}: no bare line naming only the image's hash`);
  }
  // The readable image keeps its size on the page; the cut one is still there, without one.
  const page = readFileSync(join(work, 'site', 'course', 'photos.html'), 'utf8');
  assert.is((page.match(/<img [^>]*width="64" height="48"/g) ?? []).length, 1);
  assert.is((page.match(/<img [^>]*\.jpg"/g) ?? []).length, 2);
  rmSync(dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

test.run();
