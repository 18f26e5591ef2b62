// WebP copies of output images only on request (`images: { webp: true }`): by default images are
// written as the notebook holds them; asked, a smaller WebP copy is offered in a <picture>. The
// render cache tells the two apart, and a misspelt key is an error that names the right one.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build } from '../build.js';
import { resolveConfig, type ConfigFile } from '../config.js';
import { loadConfigFile } from '../io/config-file.js';
import { makeRepo, makeTempDir, type TestRepo } from '../../test/support/git-repo.js';

let repo: TestRepo;
let work: string;

test.before(() => {
  repo = makeRepo('https://github.com/octo/plots.git');
  work = makeTempDir('bp-webp-');
  // A matplotlib plot whose lossless WebP copy is smaller than its PNG.
  repo.commit(
    'main',
    { 'plots.ipynb': readFileSync('/work/shared/corpus/mystmd/interactive-notebooks.ipynb', 'utf8') },
    'plots',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String);

async function site(out: string, file: ConfigFile): Promise<{ page: string; webp: string[]; png: string[] }> {
  await build(
    resolveConfig(file, {
      repo: repo.dir,
      out: join(work, out),
      cache: join(work, 'cache'),
      siteUrl: 'https://example.org/p/',
    }),
    { jobs: 1 },
  );
  const all = files(join(work, out));
  return {
    page: readFileSync(join(work, out, 'main', 'plots.html'), 'utf8'),
    webp: all.filter((f) => f.endsWith('.webp')),
    png: all.filter((f) => f.endsWith('.png')),
  };
}

test('by default no WebP copy is made: the PNG as the notebook holds it, sized and lazy', async () => {
  const { page, webp, png } = await site('plain', {});
  assert.equal(webp, []);
  assert.not.match(page, /<picture>|image\/webp/);
  assert.ok(png.length > 0);
  assert.match(page, /<img src="[^"]*_assets\/[0-9a-f]{16}\.png" alt="[^"]*" width="\d+" height="\d+" loading="lazy"/);
});

test('images.webp: a WebP copy where smaller, offered in a <picture>; the same cache renders it anew', async () => {
  const { page, webp } = await site('webp', { images: { webp: true } });
  assert.ok(webp.length > 0, 'a .webp asset is written');
  assert.match(
    page,
    /<picture><source type="image\/webp" srcset="[^"]*_assets\/[0-9a-f]{16}\.webp"><img src="[^"]*\.png"/,
  );
});

test('images: a misspelt key is an error that suggests the right one', () => {
  const dir = join(work, 'config');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'binderpress.yml'), 'images:\n  wepb: true\n');
  assert.throws(
    () => loadConfigFile(join(dir, 'binderpress.yml')),
    /unknown key `wepb` in images \(did you mean `webp`\?\)/,
  );
  writeFileSync(join(dir, 'binderpress.yml'), 'images:\n  webp: yes please\n');
  assert.throws(() => loadConfigFile(join(dir, 'binderpress.yml')), /images\.webp/);
});

test.run();
