import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { absoluteUrl, buildSlug, notebookPagePath, relativeUrl } from './paths.js';

const slugs: [string, string][] = [
  ['main', 'main'],
  ['course/intro', 'course-intro'],
  ['Course/Intro', 'course-intro'],
  ['v1.2', 'v1.2'],
  ['Ünïcode-Branch', 'ünïcode-branch'],
  ['hash#tag', 'hash-tag'],
  ['evil/"><script>alert(1)</script>', 'evil-script-alert-1-script'],
  ['../../etc', 'etc'],
  ['.hidden', 'hidden'],
  ['___', 'build'],
  ['index.html', 'index.html-build'],
  ['tags', 'tags-build'],
  ['_static', 'static'],
  ['feed.xml', 'feed.xml-build'],
];
for (const [name, slug] of slugs) {
  test(`buildSlug(${JSON.stringify(name)})`, () => {
    assert.is(buildSlug(name), slug);
    assert.not.match(buildSlug(name), /[/\\<>"']|^\.|\.\./);
  });
}

test('notebook pages keep their path, except where a build file would be', () => {
  assert.is(notebookPagePath('lessons/01 intro.ipynb'), 'lessons/01 intro.html');
  assert.is(notebookPagePath('index.ipynb'), 'index.ipynb.html');
  assert.is(notebookPagePath('feed.ipynb'), 'feed.html');
  assert.is(notebookPagePath('sub/index.ipynb'), 'sub/index.html');
});

test('relative and absolute URLs encode each segment once', () => {
  assert.is(relativeUrl('b/lessons/01 intro.html', 'b/_assets/x.png'), '../_assets/x.png');
  assert.is(relativeUrl('b/lessons/01 intro.html', 'b/lessons/next #2.html'), 'next%20%232.html');
  assert.is(relativeUrl('index.html', 'b/index.html'), 'b/index.html');
  assert.is(
    absoluteUrl('https://example.org/course/', 'b/lessons/01 intro.html'),
    'https://example.org/course/b/lessons/01%20intro.html',
  );
  assert.is(absoluteUrl('https://example.org/course/', 'b/index.html'), 'https://example.org/course/b/');
});

test.run();
