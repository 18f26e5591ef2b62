import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Cell, Notebook } from '../types.js';
import { extractMetadata, fileTitle } from './metadata.js';
import { parseNotebook } from './parse.js';

function load(name: string): Notebook {
  const result = parseNotebook({
    branch: 'main',
    path: basename(name),
    bytes: readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)),
  });
  if (!result.notebook) throw new Error(`${name} did not parse`);
  return result.notebook;
}

function md(source: string, id = `m${source.length}`): Cell {
  return { type: 'markdown', id, source, metadata: {}, tags: [], attachments: {} };
}

function nb(cells: Cell[], metadata: Record<string, unknown> = {}): Notebook {
  return { nbformat: 4, nbformatMinor: 5, metadata, cells };
}

test('extractMetadata: fastpages front matter cell (real posts)', () => {
  const post = load('real/fastpages-2020-02-21-introducing-fastpages.ipynb');
  const { meta, notebook, diagnostics } = extractMetadata(
    post,
    '_notebooks/2020-02-21-introducing-fastpages.ipynb',
    'main',
  );
  assert.equal(diagnostics, []);
  assert.equal(meta, {
    title: 'Introducing fastpages',
    summary: 'An easy to use blogging platform with extra features for Jupyter Notebooks.',
    description: 'An easy to use blogging platform with extra features for Jupyter Notebooks.',
    authors: ['Jeremy Howard & Hamel Husain'],
    tags: ['fastpages', 'jupyter'],
    language: 'python',
  });
  assert.is(notebook.cells.length, post.cells.length - 1);
  assert.equal(notebook.cells[0], post.cells[1]);

  const fastcore = extractMetadata(load('real/fastpages-2020-09-01-fastcore.ipynb'), 'fastcore.ipynb').meta;
  assert.is(fastcore.title, 'fastcore: An Underrated Python Library');
  assert.equal(fastcore.authors, ['Hamel Husain']);
  assert.equal(fastcore.tags, ['fastai', 'fastcore']);
});

test('extractMetadata: MyST front matter in a first markdown cell (real mystmd notebooks)', () => {
  const small = load('real/mystmd-front-matter.ipynb');
  const one = extractMetadata(small, 'front-matter.ipynb', 'main');
  assert.is(one.meta.title, 'Real Title');
  assert.is(one.meta.description, undefined);
  assert.is(
    one.meta.summary,
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
  );
  assert.equal(
    one.notebook.cells.map((c) => c.id),
    ['cell-1', 'cell-2'],
  );
  // Only the first cell's front matter is taken out; the later `---` block stays in its cell.
  assert.ok(one.notebook.cells[1]?.source.startsWith('---\ntitle: Section One\n---'));

  const rich = extractMetadata(load('real/mystmd-interactive-notebooks.ipynb'), 'interactive-notebooks.ipynb').meta;
  assert.is(rich.title, 'Generate and Display Rich Outputs');
  assert.is(
    rich.description,
    'MyST allows you to include interactive visualizations directly in your projects using Jupyter Notebooks.',
  );
  assert.is(rich.summary, rich.description);
});

test('extractMetadata: Quarto YAML in a raw cell (title, subtitle, authors, categories, date)', () => {
  const { meta, notebook, diagnostics } = extractMetadata(
    load('notebook/quarto-front-matter.ipynb'),
    'penguins.ipynb',
    'main',
  );
  assert.equal(diagnostics, []);
  assert.equal(meta, {
    title: 'Penguins: a first look',
    summary: 'Bills and flippers',
    description: 'Bills and flippers',
    authors: ['Ada Lovelace', 'Grace Hopper'],
    tags: ['eda', 'penguins'],
    date: '2024-05-01',
    language: 'python',
  });
  assert.equal(
    notebook.cells.map((c) => c.id),
    ['d', 'p'],
  );
});

test('extractMetadata: broken YAML and bad dates are warnings naming the cell', () => {
  const yaml = extractMetadata(load('notebook/yaml-error.ipynb'), 'nbs/yaml-error.ipynb', 'dev');
  assert.equal(
    yaml.diagnostics.map((d) => [d.rule, d.severity, d.branch, d.path, d.cell]),
    [['metadata-invalid-yaml', 'warning', 'dev', 'nbs/yaml-error.ipynb', 0]],
  );
  assert.match(yaml.diagnostics[0]?.message ?? '', 'line 3 of the cell');
  assert.equal([yaml.meta.title, yaml.meta.summary], ['Heading title', 'First paragraph.']);
  assert.equal(
    yaml.notebook.cells.map((c) => c.id),
    ['h'],
  );

  const dated = extractMetadata(load('notebook/bad-date.ipynb'), 'bad-date.ipynb', 'dev');
  assert.equal(
    dated.diagnostics.map((d) => [d.rule, d.cell]),
    [['metadata-invalid-date', 0]],
  );
  assert.match(dated.diagnostics[0]?.message ?? '', '"05/01/2024"');
  assert.is(dated.meta.date, undefined);
  assert.is(dated.meta.title, 'Dated');
  // The text after the front matter stays in the cell.
  assert.equal(
    dated.notebook.cells.map((c) => c.source),
    ['Text after the front matter.'],
  );
});

test('extractMetadata: notebook metadata comes first', () => {
  const notebook = nb([md('---\ntitle: From YAML\ndescription: yaml desc\ntags: b, a\n---'), md('# Heading')], {
    title: '  Metadata   title ',
    description: 'Meta *description*',
    authors: [{ name: 'Ada' }, 'Bob', { name: 'Ada' }, { nope: 1 }],
    keywords: ['z', ' a ', 'z'],
    kernelspec: { name: 'ir', display_name: 'R', language: 'R' },
    date: '2021-01-02T03:04:05+01:00',
  });
  const { meta } = extractMetadata(notebook, 'x.ipynb');
  assert.equal(meta, {
    title: 'Metadata title',
    summary: 'Meta description',
    description: 'Meta description',
    authors: ['Ada', 'Bob'],
    tags: ['a', 'b', 'z'],
    date: '2021-01-02T03:04:05+01:00',
    language: 'r',
  });
});

test('extractMetadata: without front matter, the heading, the v3 name, then the file name', () => {
  const headed = extractMetadata(nb([md('Intro text first.'), md('## Sub\n\n# Main *title*\n\nBody.')]), 'a.ipynb');
  assert.equal(
    [headed.meta.title, headed.meta.summary, headed.meta.description],
    ['Main title', 'Intro text first.', undefined],
  );
  assert.is(headed.notebook.cells.length, 2);
  assert.is(extractMetadata(nb([md('## Only a subheading')]), 'a.ipynb').meta.title, 'Only a subheading');
  assert.is(extractMetadata(nb([md('text')], { name: 'Old Name' }), 'a.ipynb').meta.title, 'Old Name');
  const bare = extractMetadata(nb([]), 'lessons/01_intro-to--python.ipynb').meta;
  assert.equal(bare, { title: '01 intro to python', summary: '', authors: [], tags: [], language: 'python' });
  assert.is(extractMetadata(nb([], { language_info: { name: 'Julia' } }), 'a.ipynb').meta.language, 'julia');
});

test('extractMetadata: a v3 notebook gets its title from the first heading cell', () => {
  const { meta } = extractMetadata(load('notebook/v3-worksheets.ipynb'), 'old.ipynb');
  assert.equal([meta.title, meta.summary], ['Old Analysis', 'Measurements from 2013, made with IPython 1.x.']);
});

test('extractMetadata: long summaries are cut at about 300 characters on a word', () => {
  const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
  const { meta } = extractMetadata(nb([md(`# T\n\n${long}`)]), 'a.ipynb');
  assert.ok(meta.summary.length <= 301 && meta.summary.length > 250, String(meta.summary.length));
  assert.ok(meta.summary.endsWith('…'));
  assert.ok(long.startsWith(meta.summary.slice(0, -1)));
});

test('extractMetadata: front-matter look-alikes are left alone', () => {
  const rule = nb([md('---\n\nJust a rule, then text.\n\n---')]);
  const out = extractMetadata(rule, 'a.ipynb');
  assert.equal(out.notebook, rule);
  assert.equal(out.diagnostics, []);
  const heading = nb([md('# Plain heading\n\nAnd a paragraph, not fastpages.')]);
  assert.equal(extractMetadata(heading, 'a.ipynb').notebook, heading);
  const list = nb([md('# Shopping\n\n- eggs: 12\n- milk: 1')]);
  const shopping = extractMetadata(list, 'a.ipynb');
  assert.equal([shopping.notebook, shopping.meta.title, shopping.meta.tags], [list, 'Shopping', []]);
  const fastpages = extractMetadata(nb([md('# Post\n- toc: true\n- categories: [b, a]'), md('Body.')]), 'a.ipynb');
  assert.equal(
    [fastpages.notebook.cells.length, fastpages.meta.tags, fastpages.meta.summary],
    [1, ['a', 'b'], 'Body.'],
  );
  const code: Cell = {
    type: 'code',
    id: 'c',
    source: '---\ntitle: no\n---',
    metadata: {},
    tags: [],
    executionCount: null,
    outputs: [],
  };
  assert.equal(extractMetadata(nb([code]), 'a.ipynb').meta.title, 'a');
});

test('fileTitle', () => {
  assert.is(fileTitle('a/b/my_first-notebook.ipynb'), 'my first notebook');
  assert.is(fileTitle('.ipynb'), 'Untitled');
  assert.is(fileTitle('Résumé.IPYNB'), 'Résumé');
});

test.run();
