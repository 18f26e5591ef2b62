// End to end: a notebook and a table of contents made to take a build down (YAML alias cycles,
// markdown nested thousands deep, quadratic text, JSON nested 100,000 deep) beside a normal
// notebook (sized to keep the test short: the unit tests hold the sizes that took minutes). The build finishes, the normal page is whole, and each problem is one diagnostic
// naming its branch, notebook and cell. A real git repository and the real CLI from dist/.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { code, makeRepo, makeTempDir, md, notebookJson } from '../support/git-repo.js';

const BIN = resolve('bin/binderpress.js');
const work = makeTempDir('bp-hostile-');
test.after(() => rmSync(work, { recursive: true, force: true }));

function hostileNotebook(): string {
  const deepList = Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
  const stream = {
    output_type: 'stream',
    name: 'stdout',
    text: `${'x'.repeat(40_000)}\r${'y'.repeat(20_000)}${'\b'.repeat(20_000)}done\n`,
  };
  const json = {
    output_type: 'display_data',
    data: { 'text/plain': 'deep', 'application/json': 'DEEP' },
    metadata: {},
  };
  const text = notebookJson([
    { cell_type: 'raw', source: '---\ntitle: Hostile\ntags: &t [a, *t]\n---' },
    md(deepList),
    md(`${'*a '.repeat(20_000)}end of stars`),
    md(`\`\`\`julia\nfunction ${'a'.repeat(5000)}\n${'f(x) where '.repeat(455)}\n\`\`\``),
    code('print("x")', [stream, json]),
    md(`# Heading${' '.repeat(20_000)}x`),
  ]);
  // JSON.stringify itself overflows on such depth: the deep value is spliced into the text.
  return text.replace('"DEEP"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
}

test('a hostile notebook and _toc.yml beside a normal notebook: the build goes on and says where', () => {
  const repo = makeRepo();
  repo.commit(
    'course/x',
    {
      'normal.ipynb': notebookJson([
        md('# Normal lesson\n\nPlain prose that must be published.'),
        code('1 + 1', [
          { output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '2' }, metadata: {} },
        ]),
      ]),
      'hostile.ipynb': hostileNotebook(),
      '_toc.yml': 'root: normal\nchapters: &c\n  - file: hostile\n    sections: *c\n',
    },
    'hostile input',
  );
  const out = join(work, 'site');
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      'build',
      '--repo',
      repo.dir,
      '--out',
      out,
      '--no-cache',
      '--jobs',
      '1',
      '--site-url',
      'https://example.org/h/',
    ],
    { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
  );
  repo.remove();

  assert.is(r.status, 0, r.stderr);
  const page = readFileSync(join(out, 'course-x', 'normal.html'), 'utf8');
  assert.match(page, 'Plain prose that must be published.');
  assert.match(readFileSync(join(out, 'course-x', 'hostile.html'), 'utf8'), 'end of stars');
  const where = (rule: string) =>
    new RegExp(`warning \\(branch course/x, hostile\\.ipynb, cell \\d+\\): [^\\n]*\\[${rule}\\]`);
  for (const rule of ['metadata-yaml-too-complex', 'markdown-too-deep', 'notebook-too-deep'])
    assert.match(r.stderr, where(rule));
  assert.match(r.stderr, 'hostile.ipynb, cell 5): cell 5 holds JSON nested over 256 levels');
  assert.match(
    r.stderr,
    /warning \(branch course\/x, _toc\.yml\): the table of contents was not read [^\n]*\[toc-invalid\]/,
  );
});

test.run();
