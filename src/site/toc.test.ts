import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { orderFromToc, parseToc } from './toc.js';
import { orderNotebooks } from './site-model.js';

const PATHS = [
  '_toc.yml',
  'intro.md',
  'welcome.ipynb',
  'basics/01-setup.ipynb',
  'basics/02-loops.ipynb',
  'basics/10-functions.ipynb',
  'extra/appendix.ipynb',
  'extra/notes.md',
  'extra/unlisted.ipynb',
  'requirements.txt',
];

const parsing = suite('parseToc');

parsing('Jupyter Book v1 book: root, parts, chapters and nested sections, files without extension', () => {
  const toc = `format: jb-book
root: welcome
parts:
  - caption: Basics
    chapters:
      - file: basics/02-loops
        sections:
          - file: basics/01-setup.ipynb
      - file: intro
  - caption: Extra
    chapters:
      - file: extra/appendix
      - url: https://example.org
        title: Elsewhere
`;
  const result = parseToc(toc, PATHS, 'course');
  assert.equal(result.order, [
    'welcome.ipynb',
    'basics/02-loops.ipynb',
    'basics/01-setup.ipynb',
    'extra/appendix.ipynb',
  ]);
  assert.equal(result.diagnostics, []);
});

parsing('Jupyter Book v1 article (sections) and globs in natural order', () => {
  const toc = 'format: jb-article\nroot: welcome\nsections:\n  - glob: basics/*\n  - file: ./extra/appendix\n';
  assert.equal(parseToc(toc, PATHS, 'b').order, [
    'welcome.ipynb',
    'basics/01-setup.ipynb',
    'basics/02-loops.ipynb',
    'basics/10-functions.ipynb',
    'extra/appendix.ipynb',
  ]);
  assert.equal(parseToc('root: welcome\nchapters:\n  - glob: "**/*"\n', PATHS, 'b').order.length, 6);
});

parsing('a plain `toc:` list of paths, and the old top-level list of entries', () => {
  assert.equal(parseToc('toc:\n  - extra/appendix.ipynb\n  - welcome\n', PATHS, 'b').order, [
    'extra/appendix.ipynb',
    'welcome.ipynb',
  ]);
  assert.equal(parseToc('- file: basics/10-functions\n  sections:\n    - file: welcome\n', PATHS, 'b').order, [
    'basics/10-functions.ipynb',
    'welcome.ipynb',
  ]);
});

parsing('a listed file that does not exist is a warning naming it; duplicates keep their first place', () => {
  const result = parseToc(
    'root: welcome\nchapters:\n  - file: basics/99-missing\n  - file: welcome\n  - file: extra/notes\n',
    PATHS,
    'course',
    '_toc.yml',
  );
  assert.equal(result.order, ['welcome.ipynb']);
  assert.is(result.diagnostics.length, 1);
  const d = result.diagnostics[0]!;
  assert.is(d.rule, 'toc-missing-file');
  assert.is(d.branch, 'course');
  assert.is(d.path, '_toc.yml');
  assert.match(d.message, 'basics/99-missing');
});

parsing('invalid YAML or a toc without notebooks gives a warning and no order, never a throw', () => {
  const bad = parseToc('root: [unclosed\n  chapters: :', PATHS, 'course');
  assert.equal(bad.order, []);
  assert.is(bad.diagnostics[0]?.rule, 'toc-invalid');
  assert.match(bad.diagnostics[0]!.message, 'not valid YAML');
  const empty = parseToc('format: jb-book\ntitle: nothing here\n', PATHS, 'course');
  assert.equal(empty.order, []);
  assert.is(empty.diagnostics[0]?.rule, 'toc-invalid');
  assert.equal(parseToc('', PATHS, 'course'), { order: [], diagnostics: [] });
});

parsing('YAML alias bombs are refused as invalid', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 8; i++)
    bomb.push(
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
    );
  const result = parseToc(bomb.join('\n'), PATHS, 'course');
  assert.is(result.diagnostics[0]?.rule, 'toc-invalid');
});

parsing.run();

const ordering = suite('orderFromToc');

ordering('no toc: no order; with one, the site model puts listed notebooks first and the rest by name', () => {
  assert.equal(orderFromToc(undefined, PATHS, 'b'), { order: [], diagnostics: [] });
  const file = {
    path: '_toc.yaml',
    blob: '0',
    bytes: new TextEncoder().encode('root: extra/appendix\nchapters:\n  - file: basics/10-functions\n'),
  };
  const { order } = orderFromToc(file, PATHS, 'b');
  const items = PATHS.filter((p) => p.endsWith('.ipynb')).map((path) => ({ source: { path } }));
  assert.equal(
    orderNotebooks(items, order).map((i) => i.source.path),
    [
      'extra/appendix.ipynb',
      'basics/10-functions.ipynb',
      'basics/01-setup.ipynb',
      'basics/02-loops.ipynb',
      'extra/unlisted.ipynb',
      'welcome.ipynb',
    ],
  );
});

ordering.run();

const hostile = suite('parseToc: hostile tables of contents');

hostile('sections that contain themselves through an alias are one warning, the walk ends', () => {
  const toc = 'root: welcome\nchapters: &chapters\n  - file: basics/01-setup\n    sections: *chapters\n';
  const result = parseToc(toc, PATHS, 'main');
  assert.equal(result.order, []);
  assert.equal(
    result.diagnostics.map((d) => [d.rule, d.branch, d.path]),
    [['toc-invalid', 'main', '_toc.yml']],
  );
  assert.match(result.diagnostics[0]!.message, 'contains it');
});

hostile('an alias bomb is one warning', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  const result = parseToc(`${lines.join('\n')}\nroot: welcome\nchapters: [*a8]\n`, PATHS, 'main');
  assert.equal(result.order, []);
  assert.match(result.diagnostics[0]!.message, 'alias count');
});

hostile('YAML nested thousands deep is refused before the parser sees it (4,000 `- ` aborted the process)', () => {
  for (const toc of [
    `${'- '.repeat(4000)}welcome`,
    `toc: ${'['.repeat(50_000)}welcome${']'.repeat(50_000)}`,
    `toc:\n${'  '.repeat(100)}- welcome`,
  ]) {
    const result = parseToc(toc, PATHS, 'main');
    assert.equal(result.order, []);
    assert.equal(
      result.diagnostics.map((d) => d.rule),
      ['toc-invalid'],
    );
    assert.match(
      result.diagnostics[0]!.message,
      /was not read \((it nests about \d+ levels|it is \d+ characters long)/,
    );
  }
});

hostile('a glob repeated over a branch of thousands of notebooks lists each once', () => {
  const paths = Array.from({ length: 3000 }, (_, i) => `n/${i}.ipynb`);
  const result = parseToc(`toc:\n${'  - glob: "n/*"\n'.repeat(100)}`, paths, 'main');
  assert.is(result.order.length, 3000);
  assert.is(result.order[1], 'n/1.ipynb');
});

hostile.run();
