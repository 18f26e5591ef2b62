import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extractMetadata } from '../notebook/metadata.js';
import { parseNotebook } from '../notebook/parse.js';
import { createRenderContext } from '../render/context.js';
import { fixtureEnv } from '../../test/support/render-fixtures.js';
import { renderNotebook } from '../render/notebook.js';
import { code, md, notebookJson } from '../../test/support/git-repo.js';
import type { Heading } from '../types.js';
import { pageContents, type ContentsEntry } from './page-contents.js';
import { titleHeadingId } from './title-heading.js';

const REAL = join(import.meta.dirname, '../../test/fixtures/real');
const context = await createRenderContext();

/** A notebook's bytes through the real parser, metadata and renderer: its title and headings. */
function headingsOf(bytes: Uint8Array, path: string): { title: string; headings: readonly Heading[] } {
  const parsed = parseNotebook({ branch: 'main', path, bytes });
  if (!parsed.notebook) throw new Error(`${path} did not parse`);
  const { meta, notebook } = extractMetadata(parsed.notebook, path, 'main');
  return { title: meta.title, headings: renderNotebook(notebook, fixtureEnv(path, meta.language), context).headings };
}

/** The contents of a page built from these bytes, as the site model makes it. */
function contentsOf(bytes: Uint8Array, path: string): ContentsEntry[] {
  const { title, headings } = headingsOf(bytes, path);
  return pageContents(headings, titleHeadingId(headings, title));
}

/** `text` per entry, children indented by two spaces: the tree at a glance. */
const outline = (entries: readonly ContentsEntry[], depth = 0): string[] =>
  entries.flatMap((e) => [`${'  '.repeat(depth)}${e.text}`, ...outline(e.children, depth + 1)]);

const chapter = (cells: object[]) => new TextEncoder().encode(notebookJson(cells));

test('a post whose title is front matter: all five level-1 headings are at the top, level 2 under them', () => {
  const bytes = readFileSync(join(REAL, 'fastpages-2020-09-01-fastcore.ipynb'));
  const { headings } = headingsOf(bytes, 'fastcore.ipynb');
  const contents = contentsOf(bytes, 'fastcore.ipynb');
  assert.equal(
    contents.map((e) => e.text),
    [
      'Background',
      'Why fastcore is interesting',
      'A whirlwind tour through fastcore',
      "But Wait ... There's More!",
      'Shameless plug: fastpages',
    ],
  );
  assert.equal(
    contents.map((e) => e.children.length),
    [0, 0, 12, 5, 0],
  );
  assert.ok(contents.flatMap((e) => e.children).every((e) => e.level === 2 && e.children.length === 0));
  assert.equal(
    outline(contents).map((line) => line.trim()),
    headings.map((h) => h.text),
    'every heading, in page order',
  );
});

test('a page that starts at level 2: the level-2 headings are the top, level 3 under them', () => {
  const contents = contentsOf(
    readFileSync(join(REAL, 'mystmd-interactive-notebooks.ipynb')),
    'interactive-notebooks.ipynb',
  );
  assert.equal(outline(contents), [
    'Supported cell outputs',
    '  Interactive visualizations',
    '  Static images',
    '  Tables and DataFrames',
    '  Text outputs',
    'Control cell visibility',
    'Include notebooks in your MyST site',
    'MyST in Jupyter User Interfaces',
  ]);
});

test('a chapter: its title heading is left out, parts at the top, a skipped level is one step in', () => {
  const bytes = chapter([
    md('# Chapter 3: Linear models\n\nWhat this chapter covers.'),
    md('## Learning goals'),
    md('# Part I: Foundations\n\n## 3.1 Regression\n\n### Least squares\n\n#### Normal equations\n\n### Residuals'),
    code('fit(x, y)'),
    md('## 3.2 Geometry\n\n# Part II: Inference\n\n### A skipped level\n\n## 3.3 Confidence'),
    md('# Part III: Practice\n\n## 3.4 A worked example\n\n##### Deep detail\n\n### Back up a level'),
    md('# Summary'),
  ]);
  assert.equal(outline(contentsOf(bytes, 'chapter.ipynb')), [
    'Learning goals',
    'Part I: Foundations',
    '  3.1 Regression',
    '    Least squares',
    '      Normal equations',
    '    Residuals',
    '  3.2 Geometry',
    'Part II: Inference',
    '  A skipped level',
    '  3.3 Confidence',
    'Part III: Practice',
    '  3.4 A worked example',
    '    Deep detail',
    '    Back up a level',
    'Summary',
  ]);
  const ids = (es: readonly ContentsEntry[]): string[] => es.flatMap((e) => [e.id, ...ids(e.children)]);
  assert.not.ok(
    ids(contentsOf(bytes, 'chapter.ipynb')).includes('chapter-3-linear-models'),
    'the title is the page header',
  );
});

test('a title heading that does not open the notebook stays in the contents; so does a later repeat', () => {
  const late = chapter([code('import numpy'), md('# Chapter 4\n\n## Data'), md('# Chapter 4')]);
  assert.equal(outline(contentsOf(late, 'late.ipynb')), ['Chapter 4', '  Data', 'Chapter 4']);
  const opens = chapter([md('# Chapter 4\n\n## Data'), md('# Chapter 4')]);
  assert.equal(outline(contentsOf(opens, 'opens.ipynb')), ['Data', 'Chapter 4']);
});

test('pageContents: no headings, no entries; without a title id every heading stays', () => {
  assert.equal(pageContents([]), []);
  const headings = [
    { level: 3, text: 'c', id: 'c' },
    { level: 1, text: 'a', id: 'a', opens: true as const },
    { level: 2, text: 'b', id: 'b' },
  ];
  assert.equal(outline(pageContents(headings)), ['c', 'a', '  b']);
  assert.equal(outline(pageContents(headings, 'a')), ['c', 'b']);
});

test.run();
