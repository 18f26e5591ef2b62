import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveConfig } from '../config.js';
import { assembleSite, type PreparedBuild, type PreparedNotebook } from './site-model.js';
import { MAX_TAG_CHARS, MAX_TAG_PAGES, MAX_TAGS_PER_NOTEBOOK } from './tag-limits.js';

const commit = { sha: 'c0ffee', date: '2026-01-05T10:00:00+00:00', author: 'A', email: 'a@example.org' };
const notebook = (path: string, tags: string[]): PreparedNotebook => ({
  source: { branch: 'main', path, blob: path, lastCommit: commit },
  meta: { title: path, summary: '', authors: [], tags, language: 'python' },
  headings: [],
});
const build = (notebooks: PreparedNotebook[]): PreparedBuild => ({
  branch: { name: 'main', commit: 'c0ffee', tip: commit },
  notebooks,
  diagnostics: [],
});
const assemble = (notebooks: PreparedNotebook[]) => {
  return assembleSite({ config: resolveConfig({}, {}), siteUrl: 'https://example.org/', builds: [build(notebooks)] });
};
const names = (n: number, prefix = 't') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

test('a notebook with 20,000 tags keeps the first 32 by name, as pages and feed categories, with one warning', () => {
  const { site, diagnostics } = assemble([notebook('spam.ipynb', names(20_000)), notebook('ok.ipynb', ['python'])]);
  const spam = site.builds[0]?.notebooks.find((n) => n.path === 'spam.ipynb');
  assert.equal(spam?.tags, names(MAX_TAGS_PER_NOTEBOOK));
  assert.is(site.tags.length, MAX_TAGS_PER_NOTEBOOK + 1);
  assert.ok(
    site.tags.some((t) => t.tag === 'python'),
    "the other notebook's tag has its page",
  );
  assert.equal(
    diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path]),
    [['too-many-tags', 'warning', 'main', 'spam.ipynb']],
  );
  assert.match(
    diagnostics[0]?.message ?? '',
    'the notebook has 20,000 tags; the first 32 by name are kept (`t00000` to `t00031`) and the other 19,968 left out',
  );
});

test('a tag longer than the limit is left out with a warning; the others stay', () => {
  const long = 'x'.repeat(MAX_TAG_CHARS + 1);
  const { site, diagnostics } = assemble([notebook('a.ipynb', ['fine', long])]);
  assert.equal(site.builds[0]?.notebooks[0]?.tags, ['fine']);
  assert.equal(
    site.tags.map((t) => t.tag),
    ['fine'],
  );
  assert.equal(
    diagnostics.map((d) => [d.rule, d.path]),
    [['tag-too-long', 'a.ipynb']],
  );
});

test('a site with more distinct tags than pages allowed: those naming the most notebooks get a page, the rest stay plain text', () => {
  // 40 notebooks × 32 distinct tags each, and one tag all of them share.
  const notebooks = Array.from({ length: 40 }, (_, i) =>
    notebook(`n${i}.ipynb`, ['aaa-shared', ...names(31, `n${String(i).padStart(2, '0')}-`)]),
  );
  const { site, diagnostics } = assemble(notebooks);
  assert.ok(40 * 31 + 1 > MAX_TAG_PAGES);
  assert.is(site.tags.length, MAX_TAG_PAGES);
  assert.is(site.tags[0]?.tag, 'aaa-shared');
  assert.is(site.tags[0]?.notebooks.length, 40);
  assert.is(site.builds[0]?.notebooks[39]?.tags.length, 32, 'notebooks keep their tags');
  assert.equal(
    diagnostics.map((d) => [d.rule, d.branch]),
    [['too-many-tags', '']],
  );
  assert.match(
    diagnostics[0]?.message ?? '',
    `the notebooks have 1,241 different tags; the 1,000 that name the most notebooks get a page and feeds, the other 241`,
  );
});

test.run();
