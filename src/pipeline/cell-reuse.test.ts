// Cell-level reuse (render/cell-memo.ts): a notebook that differs from one rendered before by a
// few cells renders only those, within one build (another branch) and across builds (an earlier
// commit), and the site is byte-identical to one rendered with every cell rendered: cold, warm,
// partially warm, on the main thread alone and in worker threads. Real notebooks from the corpus,
// and one made to carry the state cells share (math macros, repeated headings, figures, a long
// output cut in feeds, links, an attachment).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { build, type BuildOptions } from '../build.js';
import { resolveConfig, type Config } from '../config.js';
import { assertSameSite } from '../../test/support/same-site.js';
import { code, makeRepo, makeTempDir, md, notebookJson, type TestRepo } from '../../test/support/git-repo.js';

const CORPUS = '/work/shared/corpus';
const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8DwnwEIGBn+MzAwAAAw7gP9bq2fLQAAAABJRU5ErkJggg==';

let repo: TestRepo;
let work: string;

function corpus(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const e of readdirSync(CORPUS, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.ipynb'))
      files[join(e.parentPath, e.name).slice(CORPUS.length + 1)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  return files;
}

/** A notebook whose cells lean on what earlier cells did; `heading` is the first `##` heading. */
function stateful(heading: string): string {
  const attachment = { 'dot.png': { 'image/png': PNG_B64 } };
  return notebookJson([
    md('# Setup\n\n$$\\newcommand{\\R}{\\mathbb{R}}$$\n\nA vector in $\\R^n$.'),
    md(`## ${heading}\n\nFirst findings.`),
    code(
      'plot()',
      [{ output_type: 'display_data', data: { 'image/png': PNG_B64, 'text/plain': ['<Figure>'] }, metadata: {} }],
      1,
    ),
    md('## Results\n\nAgain in $\\R^2$, see [the other](fastpages/2020-02-20-test.ipynb).'),
    code(
      'dump()',
      [
        {
          output_type: 'stream',
          name: 'stdout',
          text: Array.from({ length: 3000 }, (_, i) => `row ${i}: ${'x'.repeat(30)}\n`),
        },
      ],
      2,
    ),
    code(
      'plot()',
      [{ output_type: 'display_data', data: { 'image/png': PNG_B64, 'text/plain': ['<Figure>'] }, metadata: {} }],
      3,
    ),
    { ...md('A dot: ![dot](attachment:dot.png)'), attachments: attachment },
  ]);
}

/** Each notebook with its last markdown cell edited (and the heading of the stateful one changed). */
function edited(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    const nb = JSON.parse(text) as { cells: { cell_type: string; source: string | string[] }[] };
    const last = nb.cells.map((c) => c.cell_type).lastIndexOf('markdown');
    const cell = nb.cells[last];
    if (cell) cell.source = `${Array.isArray(cell.source) ? cell.source.join('') : cell.source}\n\nRevised this week.`;
    out[path] = JSON.stringify(nb, null, 1);
  }
  out['state.ipynb'] = stateful('Results');
  return out;
}

const v1 = { ...corpus(), 'state.ipynb': stateful('Findings') };
const v2 = edited(v1);

test.before(() => {
  repo = makeRepo('https://github.com/octo/course.git');
  work = makeTempDir('bp-cells-');
  repo.commit('main', v1, 'first version');
  repo.commit('last-year', v1, 'the course as it was');
});

test.after(() => {
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

function config(out: string, cache: string, branches?: string[]): Config {
  return resolveConfig(
    {},
    {
      repo: repo.dir,
      out: join(work, out),
      cache: join(work, cache),
      siteUrl: 'https://example.org/c/',
      ...(branches ? { branches } : {}),
    },
  );
}

const run = (out: string, cache: string, options: BuildOptions, branches?: string[]) =>
  build(config(out, cache, branches), options);
// The edited cell of each corpus notebook, and in the stateful one the changed heading and every
// cell after it (the heading ids taken before them changed: the second `Results` became `results-1`).
const EDITED = 7 + 6;

test('an edited commit re-renders only the cells that changed, and the site equals one with every cell rendered', async () => {
  const first = await run('v1', 'cache', { jobs: 1 }, ['main']);
  assert.equal(
    [first.notebooks.rendered, first.cells?.reused],
    [8, 0],
    'one branch of distinct notebooks: nothing to reuse',
  );
  const total = first.cells!.rendered;
  repo.commit('main', v2, 'one markdown cell edited in each notebook');

  const partial = await run('partial', 'cache', { jobs: 1 }, ['main']);
  assert.is(partial.notebooks.rendered, 8, 'every notebook blob changed');
  const cells = partial.cells!;
  assert.is(cells.rendered + cells.reused, total);
  assert.ok(cells.rendered <= EDITED, `${cells.rendered} cells rendered`);
  assert.ok(cells.reused >= total - EDITED, `${cells.reused} reused`);

  const cold = await run('cold', 'cold-cache', { jobs: 1, cellReuse: false }, ['main']);
  assert.is(cold.cells?.reused ?? 0, 0);
  assertSameSite(join(work, 'cold'), join(work, 'partial'));
  const page = readFileSync(join(work, 'partial', 'main', 'state.html'), 'utf8');
  assert.match(page, /<h2 id="results-1">/, "the repeated heading took its id from this commit's headings");
  assert.not.match(page, /id="findings"/);
});

test('a cold build reuses cells across branches; main thread, worker threads and no reuse give one site', async () => {
  const plain = await run('plain', 'plain-cache', { jobs: 1, cellReuse: false });
  assert.is(plain.cells?.reused ?? 0, 0);
  const reused = await run('reused', 'reused-cache', { jobs: 1 });
  assert.is(reused.notebooks.rendered, 16, 'the branches hold different blobs: no notebook is shared');
  const total = reused.cells!.rendered + reused.cells!.reused;
  assert.ok(
    reused.cells!.reused >= total / 2 - EDITED,
    `${reused.cells!.reused} of ${total} cells reused from the other branch`,
  );
  assertSameSite(join(work, 'plain'), join(work, 'reused'));
  const threaded = await run('threaded', 'threaded-cache', { jobs: 2 });
  assert.ok(threaded.cells!.reused > 0);
  assertSameSite(join(work, 'plain'), join(work, 'threaded'));
  // Warm: every notebook from the cache, into a new folder; then nothing changed.
  const warm = await run('warm', 'reused-cache', { jobs: 1 });
  assert.equal(warm.notebooks, { rendered: 0, cached: 16, skipped: 0 });
  assertSameSite(join(work, 'plain'), join(work, 'warm'));
});

test('a damaged cell record is rendered again, not trusted', async () => {
  const cache = join(work, 'reused-cache');
  const records = readdirSync(join(cache, 'render', 'cell'), { recursive: true, withFileTypes: true }).filter((e) =>
    e.isFile(),
  );
  assert.ok(records.length > 0);
  for (const e of records) {
    const path = join(e.parentPath, e.name);
    const bytes = readFileSync(path);
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] as number) ^ 1;
    writeFileSync(path, bytes);
  }
  repo.commit('main', { ...v2, 'state.ipynb': stateful('Outcomes') }, 'another heading');
  const again = await run('damaged', 'reused-cache', { jobs: 1 });
  assert.is(again.notebooks.rendered, 1);
  const plain = await run('plain-again', 'plain-again-cache', { jobs: 1, cellReuse: false });
  assertSameSite(join(work, 'plain-again'), join(work, 'damaged'));
  assert.ok(plain.notebooks.rendered > 0);
});

test.run();
