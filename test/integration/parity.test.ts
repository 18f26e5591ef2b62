// Issue 3, point 7: real notebooks nobody here wrote (test/fixtures/real, see the fixtures README) rendered by
// binderpress (the real CLI, from a real git repository) and by Debian's nbconvert 6.5
// (`HTMLExporter`, the `--to html` default), both parsed with jsdom and compared notebook by
// notebook: every code cell, markdown heading, image, table and traceback nbconvert shows must
// be on our page too.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { makeRepo, makeTempDir, type TestRepo } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, '../fixtures/real');
const NOTEBOOKS = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.ipynb'))
  .sort();

/** Converts every notebook in one Python process; prints `{name: "ok" | error}`. */
const NBCONVERT = `import sys, json, os
from nbconvert import HTMLExporter
exporter, out, result = HTMLExporter(), sys.argv[1], {}
for path in sys.argv[2:]:
    name = os.path.basename(path)
    try:
        body, _ = exporter.from_filename(path)
        with open(os.path.join(out, name + '.html'), 'w', encoding='utf-8') as f:
            f.write(body)
        result[name] = 'ok'
    except Exception as e:
        result[name] = type(e).__name__ + ': ' + str(e).splitlines()[0]
print(json.dumps(result))`;

/** What a reader sees of a notebook, as the comparison needs it. */
interface Shown {
  readonly code: readonly string[];
  readonly headings: readonly string[];
  readonly images: number;
  readonly tables: number;
  /** Text of each traceback box. */
  readonly tracebacks: readonly string[];
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function nbconvertShows(html: string): Shown {
  const doc = new JSDOM(html).window.document;
  const nb = doc.querySelector('.jp-Notebook') ?? doc.body;
  for (const a of nb.querySelectorAll('a.anchor-link')) a.remove();
  const svgs = [...nb.querySelectorAll('svg')].filter((s) => s.parentElement?.closest('svg') === null);
  return {
    code: [...nb.querySelectorAll('.jp-CodeCell .jp-InputArea .highlight')]
      .map((e) => e.textContent ?? '')
      .filter((c) => c.trim() !== ''),
    headings: [...nb.querySelectorAll('.jp-MarkdownCell :is(h1,h2,h3,h4,h5,h6)')]
      .map((h) => squash(h.textContent ?? ''))
      .filter(Boolean),
    images: nb.querySelectorAll('img').length + svgs.length,
    tables: nb.querySelectorAll('table').length,
    tracebacks: [...nb.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')].map(
      (e) => e.textContent ?? '',
    ),
  };
}

function binderpressShows(html: string): Shown {
  const doc = new JSDOM(html).window.document;
  const main = doc.querySelector('main')!;
  const article = main.querySelector('article.notebook')!;
  for (const a of main.querySelectorAll('a.anchor')) a.remove();
  return {
    code: [...article.querySelectorAll('.cell-code .input-code')]
      .map((e) => e.textContent ?? '')
      .filter((c) => c.trim() !== ''),
    // The page title (front matter or first heading) is the header's <h1>.
    headings: [...main.querySelectorAll('.notebook-header h1, article.notebook :is(h1,h2,h3,h4,h5,h6)')].map((h) =>
      squash(h.textContent ?? ''),
    ),
    images: article.querySelectorAll('img').length,
    tables: article.querySelectorAll('table').length,
    tracebacks: [...article.querySelectorAll('.output-error-box')].map((e) => e.textContent ?? ''),
  };
}

interface SourceCell {
  readonly cell_type: string;
  readonly source: string | string[];
  readonly metadata?: { readonly tags?: readonly string[] };
  readonly outputs?: readonly { readonly output_type: string; readonly ename?: string }[];
}

function readCells(path: string): SourceCell[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { cells?: SourceCell[] }).cells ?? [];
}

const text = (c: SourceCell) => (Array.isArray(c.source) ? c.source.join('') : c.source);

/** fastpages comments (`#hide`, `#collapse-show`…) and Quarto/MyST `#|` options: directives, not code. */
const DIRECTIVE =
  /^\s*#\s*(?:hide|hide_input|hide_output|collapse|collapse[-_](?:hide|show|output)|export|exporti|default_exp\b.*)\s*$|^\s*#\|.*$/i;

/** Source without directive lines, whitespace squashed: how both renderings are compared. */
const codeKey = (source: string) =>
  squash(
    source
      .split('\n')
      .filter((l) => !DIRECTIVE.test(l))
      .join('\n'),
  );

/**
 * Whether the notebook itself asks for the input of this cell to be left out (nbconvert's default
 * export ignores these): `remove-cell`/`remove-input` tags, fastpages `#hide`/`#hide_input`, Quarto
 * `#| echo: false` / `#| include: false`.
 */
function inputRemoved(cell: SourceCell): boolean {
  const tags = cell.metadata?.tags ?? [];
  if (tags.includes('remove-cell') || tags.includes('remove-input')) return true;
  const lines = text(cell).split('\n');
  return lines.some(
    (l) => /^\s*#\s*(hide|hide_input)\s*$/i.test(l) || /^\s*#\|\s*(echo|include)\s*:\s*false\s*$/i.test(l),
  );
}

/** The first cell's front matter (`---` … `---`): its lines, and its `title` if it has one. */
function frontMatter(cells: readonly SourceCell[]): { readonly lines: ReadonlySet<string>; readonly title?: string } {
  const first = cells[0] === undefined ? '' : text(cells[0]);
  const block = /^---\n([\s\S]*?)\n---/.exec(first)?.[1];
  if (block === undefined) return { lines: new Set() };
  const title = /^title:\s*(.*?)\s*$/m.exec(block)?.[1]?.replace(/^(["'])(.*)\1$/, '$2');
  return { lines: new Set(block.split('\n').map(squash)), ...(title === undefined ? {} : { title }) };
}

/**
 * A heading compared without the quotes fastpages titles are written in (YAML quoting), and
 * without emphasis marks: CommonMark (marked, JupyterLab) reads `__repr__` as bold "repr" where
 * nbconvert's mistune keeps the underscores.
 */
const headingKey = (h: string) => h.replace(/^"(.*)"$/, '$1').replace(/[_*]/g, '');

let repo: TestRepo;
let work: string;
let status: Record<string, string> = {};
/** What nbconvert showed over all notebooks: the comparison must have had something to compare. */
const covered = { code: 0, headings: 0, images: 0, tables: 0, tracebacks: 0 };

const parity = suite('parity with nbconvert');

parity.before(() => {
  work = makeTempDir('bp-');
  repo = makeRepo('https://github.com/octo-org/parity.git');
  repo.commit(
    'parity',
    Object.fromEntries(NOTEBOOKS.map((n) => [n, readFileSync(join(FIXTURES, n))])),
    'real notebooks',
  );
  const args = [
    join(ROOT, 'bin/binderpress.js'),
    'build',
    '--repo',
    repo.dir,
    '--out',
    join(work, 'site'),
    '--site-url',
    'http://127.0.0.1:8000/',
    '--no-cache',
    '--force-out',
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  if (r.status !== 0) throw new Error(`binderpress build failed (${r.status}):\n${r.stderr}`);
  const nbc = join(work, 'nbconvert');
  execFileSync('mkdir', [nbc]);
  const printed = execFileSync('/usr/bin/python3', ['-c', NBCONVERT, nbc, ...NOTEBOOKS.map((n) => join(FIXTURES, n))], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  status = JSON.parse(printed) as Record<string, string>;
});

parity.after(() => {
  repo?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

parity('nbconvert converted the notebooks it can read (and binderpress renders the rest too)', () => {
  const failed = Object.entries(status).filter(([, s]) => s !== 'ok');
  // nbclient's Output.ipynb lacks kernelspec.name, which nbconvert's validator refuses.
  assert.equal(
    failed.map(([n]) => n),
    ['nbclient-output.ipynb'],
    JSON.stringify(failed),
  );
  for (const [name] of failed) {
    const ours = binderpressShows(
      readFileSync(join(work, 'site', 'parity', name.replace(/\.ipynb$/, '.html')), 'utf8'),
    );
    assert.ok(ours.code.length > 0, name);
  }
});

for (const name of NOTEBOOKS) {
  parity(`${name}: every code cell, heading, image, table and traceback nbconvert shows is ours too`, () => {
    if (status[name] !== 'ok') return; // covered by the test above
    const theirs = nbconvertShows(readFileSync(join(work, 'nbconvert', `${name}.html`), 'utf8'));
    const ours = binderpressShows(
      readFileSync(join(work, 'site', 'parity', name.replace(/\.ipynb$/, '.html')), 'utf8'),
    );
    const cells = readCells(join(FIXTURES, name));
    covered.code += theirs.code.length;
    covered.headings += theirs.headings.length;
    covered.images += theirs.images;
    covered.tables += theirs.tables;
    const removed = new Set(
      cells.filter((c) => c.cell_type === 'code' && inputRemoved(c)).map((c) => codeKey(text(c))),
    );
    const oursCode = new Set(ours.code.map(codeKey));
    const expectedCode = theirs.code.map(codeKey).filter((c) => c !== '' && !removed.has(c));
    const missingCode = expectedCode.filter((c) => !oursCode.has(c));
    assert.equal(missingCode, [], `code cells missing: ${missingCode.map((c) => c.slice(0, 80)).join(' | ')}`);
    // Front matter in the first cell is metadata (its title the page title), not setext headings.
    const front = frontMatter(cells);
    const expectedHeadings = theirs.headings
      .map((h) => (front.title !== undefined && h === `title: ${front.title}` ? front.title : h))
      .filter((h) => h === front.title || !front.lines.has(h))
      .map(headingKey);
    const oursHeadings = new Set(ours.headings.map(headingKey));
    const missingHeadings = expectedHeadings.filter((h) => !oursHeadings.has(h));
    assert.equal(missingHeadings, [], `headings missing: ${missingHeadings.join(' | ')}`);
    assert.ok(ours.images >= theirs.images, `images: nbconvert ${theirs.images}, ours ${ours.images}`);
    assert.ok(ours.tables >= theirs.tables, `tables: nbconvert ${theirs.tables}, ours ${ours.tables}`);
    const enames = cells
      .flatMap((c) => c.outputs ?? [])
      .filter((o) => o.output_type === 'error')
      .map((o) => o.ename ?? '');
    const shownByThem = enames.filter((e) => theirs.tracebacks.some((t) => t.includes(e)));
    assert.ok(
      ours.tracebacks.length >= shownByThem.length,
      `tracebacks: nbconvert ${shownByThem.length}, ours ${ours.tracebacks.length}`,
    );
    for (const e of shownByThem)
      assert.ok(
        ours.tracebacks.some((t) => t.includes(e)),
        `traceback ${e} missing`,
      );
    covered.tracebacks += shownByThem.length;
  });
}

parity('the comparison covered code cells, headings, images, tables and tracebacks', () => {
  assert.ok(
    covered.code >= 100 &&
      covered.headings >= 50 &&
      covered.images >= 10 &&
      covered.tables >= 3 &&
      covered.tracebacks >= 2,
    JSON.stringify(covered),
  );
});

parity.run();
