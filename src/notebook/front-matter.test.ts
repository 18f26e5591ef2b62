import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Cell } from '../types.js';
import { readFrontMatter } from './front-matter.js';

const place = { branch: 'course/intro', path: 'lessons/hostile.ipynb' };
const cells = (source: string, type: Cell['type'] = 'raw'): Cell[] => [
  { type, id: 'fm', source, metadata: {}, tags: [] } as unknown as Cell,
  { type: 'markdown', id: 'b', source: '# Title', metadata: {}, tags: [] } as unknown as Cell,
];

test('readFrontMatter: an alias cycle is a warning naming the cell, and no value that contains itself', () => {
  for (const type of ['raw', 'markdown'] as const) {
    const result = readFrontMatter(cells('---\ntitle: Loop\ntags: &t [a, *t]\n---\n', type), place);
    assert.equal(
      result.diagnostics.map((d) => [d.rule, d.branch, d.path, d.cell]),
      [['metadata-yaml-too-complex', 'course/intro', 'lessons/hostile.ipynb', 0]],
    );
    assert.match(result.diagnostics[0]!.message, 'contains it');
    assert.ok(JSON.stringify(result.frontMatter ?? {}).length > 0);
  }
});

test('readFrontMatter: an alias bomb (billion laughs) is a warning, not an exception', () => {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  const result = readFrontMatter(cells(`---\n${lines.join('\n')}\n---\n`), place);
  assert.equal(
    result.diagnostics.map((d) => [d.rule, d.cell]),
    [['metadata-yaml-too-complex', 0]],
  );
  assert.equal(result.frontMatter?.fields, {});
});

test('readFrontMatter: YAML nested thousands deep is refused before it is parsed', () => {
  // 4,000 `- ` made the yaml package overflow its stack and then abort the process in V8's regexp compiler.
  for (const body of [`title: ${'- '.repeat(4000)}x`, `title: ${'['.repeat(30_000)}${']'.repeat(30_000)}`]) {
    const result = readFrontMatter(cells(`---\n${body}\n---\n`), place);
    assert.equal(
      result.diagnostics.map((d) => d.rule),
      ['metadata-yaml-too-complex'],
    );
    assert.match(result.diagnostics[0]!.message, 'over the limit');
  }
});

test('readFrontMatter: plain front matter with an alias still reads', () => {
  const result = readFrontMatter(cells('---\ntitle: &t Fine\nsubtitle: *t\n---\n'), place);
  assert.equal(result.diagnostics, []);
  assert.equal(result.frontMatter?.fields, { title: 'Fine', subtitle: 'Fine' });
});

test.run();
