import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isRelativeHref, resolveBranchPath, rewriteHref } from './links.js';
import type { RenderEnv } from './types.js';

/** A branch with these files; pages of notebooks are `.html` beside them, as a site would place them. */
function envFor(path: string, files: readonly string[]): RenderEnv {
  const depth = path.split('/').length - 1;
  const up = '../'.repeat(depth);
  return {
    branch: 'main',
    path,
    language: 'python',
    urlFor: (p) =>
      files.includes(p)
        ? up +
          p
            .replace(/\.ipynb$/, '.html')
            .split('/')
            .map(encodeURIComponent)
            .join('/')
        : undefined,
    assetUrl: (name) => `${up}_assets/${name}`,
  };
}

const FILES = [
  'index.ipynb',
  'lessons/01 intro.ipynb',
  'lessons/02-next.ipynb',
  'lessons/img/plot.png',
  'data/table.csv',
];

test('isRelativeHref', () => {
  for (const href of ['a.ipynb', './a.ipynb', '../a.png', 'img/x.png#y', 'a%20b.png'])
    assert.ok(isRelativeHref(href), href);
  for (const href of [
    '',
    '#top',
    '/abs/a.png',
    '//cdn.example/x.js',
    'https://x.org/a',
    'mailto:a@b',
    'javascript:alert(1)',
    'data:image/png;base64,AA',
    '?q=1',
  ]) {
    assert.not.ok(isRelativeHref(href), href);
  }
});

test('resolveBranchPath: relative to the file, decoded, inside the branch only', () => {
  assert.is(resolveBranchPath('lessons/02-next.ipynb', '01%20intro.ipynb'), 'lessons/01 intro.ipynb');
  assert.is(resolveBranchPath('lessons/02-next.ipynb', './img/plot.png?raw=1#x'), 'lessons/img/plot.png');
  assert.is(resolveBranchPath('lessons/02-next.ipynb', '../data/table.csv'), 'data/table.csv');
  assert.is(resolveBranchPath('lessons/02-next.ipynb', 'img/../../index.ipynb'), 'index.ipynb');
  assert.is(resolveBranchPath('index.ipynb', 'lessons\\img\\plot.png'), 'lessons/img/plot.png');
  assert.is(resolveBranchPath('index.ipynb', '../outside.png'), undefined);
  assert.is(resolveBranchPath('lessons/a.ipynb', '../../etc/passwd'), undefined);
  assert.is(resolveBranchPath('lessons/a.ipynb', '%2e%2e/%2e%2e/etc/passwd'), undefined);
  assert.is(resolveBranchPath('index.ipynb', 'bad%zzname.png'), 'bad%zzname.png');
  assert.is(resolveBranchPath('index.ipynb', '#frag'), undefined);
  assert.is(resolveBranchPath('index.ipynb', 'https://x.org/a.png'), undefined);
  assert.is(resolveBranchPath('index.ipynb', './'), undefined);
});

test('rewriteHref: branch files go through urlFor, keeping ?query and #fragment', () => {
  const env = envFor('lessons/02-next.ipynb', FILES);
  assert.is(rewriteHref('01%20intro.ipynb#part-2', env), '../lessons/01%20intro.html#part-2');
  assert.is(rewriteHref('../index.ipynb', env), '../index.html');
  assert.is(rewriteHref('img/plot.png?v=2', env), '../lessons/img/plot.png?v=2');
  assert.is(rewriteHref('../data/table.csv', env), '../data/table.csv');
});

test('rewriteHref: external, absolute, in-page and unknown links are unchanged', () => {
  const env = envFor('lessons/02-next.ipynb', FILES);
  for (const href of [
    'https://example.org/a.ipynb',
    '#section',
    '/site/a.html',
    '//cdn.example/a.png',
    'mailto:a@example.org',
    'missing.ipynb#x',
    '../../escape.ipynb',
  ]) {
    assert.is(rewriteHref(href, env), href);
  }
});

test.run();
