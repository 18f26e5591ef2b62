// A page is its frame around the notebook's cached HTML, spliced as bytes: whatever the notebook
// holds arrives on the page as it is. Text like `$'` or `$$` (shell quoting, prices) once meant
// something to the splice, when it was a string replacement.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { build } from '../build.js';
import { resolveConfig } from '../config.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';

let repo: TestRepo;
let work: string;

const STREAM = "costs $$5 · echo $'a\\tb' · $` · $& · $1 · ✓ 😀\n";

test.before(() => {
  repo = makeRepo('https://github.com/octo/dollars.git');
  work = makeTempDir('bp-page-html-');
  repo.commit(
    'main',
    {
      'shell.ipynb': notebookJson([
        md('# Quoting in the shell\n\nText before the code: café.'),
        code("!echo $'a\\tb'", [{ output_type: 'stream', name: 'stdout', text: [STREAM] }], 1),
      ]),
    },
    'shell',
  );
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test("a notebook's text reaches its page as it is, whatever `$` patterns it holds", async () => {
  const config = resolveConfig(
    {},
    { repo: repo.dir, out: join(work, 'site'), cache: join(work, 'cache'), siteUrl: 'https://example.org/d/' },
  );
  const first = await build(config, { jobs: 1 });
  assert.is(first.notebooks.rendered, 1);
  const read = () => new JSDOM(readFileSync(join(work, 'site', 'main', 'shell.html'), 'utf8')).window.document;
  for (const doc of [
    read(),
    (await build({ ...config, out: join(work, 'again') }, { jobs: 1 }),
    new JSDOM(readFileSync(join(work, 'again', 'main', 'shell.html'), 'utf8')).window.document),
  ]) {
    const streams = [...doc.querySelectorAll('pre')].map((p) => p.textContent ?? '');
    assert.ok(streams.includes(STREAM), `the stream output is on the page unchanged: ${JSON.stringify(streams)}`);
    assert.ok(doc.body.textContent?.includes("echo $'a\\tb'"), 'the code is on the page unchanged');
    assert.is(doc.querySelectorAll('h1').length, 1, 'the title heading is shown once');
  }
});

test.run();
