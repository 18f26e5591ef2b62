import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CodeCell } from '../types.js';
import { cellTags } from './cell-tags.js';
import { parseNotebook } from './parse.js';

type Case = [source: string, metadata: Record<string, unknown>, tags: string[], shown: string];

test('cellTags: Quarto and nbdev option lines', () => {
  const cases: Case[] = [
    ['#| echo: false\nplot()', {}, ['remove-input'], 'plot()'],
    ['#| output: false\n#| label: fig-a\n\nplot()', {}, ['remove-output'], 'plot()'],
    ['#| include: false\nsetup()', {}, ['remove-cell'], 'setup()'],
    ['#| code-fold: true\nx', {}, ['hide-input'], 'x'],
    ['#| code-fold: show\nx', {}, ['hide-input-open'], 'x'],
    ['#|echo:False\nx', {}, ['remove-input'], 'x'],
    ['#| echo: true\nx', {}, [], 'x'],
    ['#| hide\nx', {}, ['remove-cell'], 'x'],
    ['#| label: only\n', {}, [], ''],
    ['x = 1\n#| echo: false', {}, [], 'x = 1\n#| echo: false'],
  ];
  for (const [source, metadata, tags, shown] of cases)
    assert.equal(cellTags(source, metadata, 'python'), { tags, source: shown }, source);
});

test('cellTags: fastpages flag comments', () => {
  const cases: Case[] = [
    ['#hide\nimport os', {}, ['remove-cell'], 'import os'],
    ['# hide\nimport os', {}, ['remove-cell'], 'import os'],
    ['#hide_input\nshow()', {}, ['remove-input'], 'show()'],
    ['#hide_output\nrun()', {}, ['remove-output'], 'run()'],
    ['#collapse\ncode()', {}, ['hide-input'], 'code()'],
    ['#collapse-hide\ncode()', {}, ['hide-input'], 'code()'],
    ['#collapse-show\ncode()', {}, ['hide-input-open'], 'code()'],
    ['#collapse_output\ncode()', {}, ['hide-output'], 'code()'],
    ['#HIDE_INPUT\n#| label: x\nshow()', {}, ['remove-input'], 'show()'],
    ['# Imports\nimport os', {}, [], '# Imports\nimport os'],
    ['import os\n#hide', {}, [], 'import os\n#hide'],
  ];
  for (const [source, metadata, tags, shown] of cases)
    assert.equal(cellTags(source, metadata, 'python'), { tags, source: shown }, source);
});

test('cellTags: metadata tags, JupyterLab and nbextension flags, deduplicated', () => {
  const cases: Case[] = [
    ['x', { tags: ['remove-cell', ' hide-output ', 7, 'hide-output'] }, ['remove-cell', 'hide-output'], 'x'],
    ['x', { jupyter: { source_hidden: true, outputs_hidden: true } }, ['hide-input', 'hide-output'], 'x'],
    ['x', { jupyter: { source_hidden: false } }, [], 'x'],
    ['x', { hide_input: true }, ['remove-input'], 'x'],
    ['#| echo: false\nx', { tags: ['remove-input'] }, ['remove-input'], 'x'],
    ['x', { tags: 'not-a-list' }, [], 'x'],
  ];
  for (const [source, metadata, tags, shown] of cases)
    assert.equal(cellTags(source, metadata, 'python'), { tags, source: shown }, JSON.stringify(metadata));
});

test('cellTags: option prefix follows the language; markdown and raw sources are left alone', () => {
  assert.equal(cellTags('//| echo: false\nconsole.log(1)', {}, 'javascript'), {
    tags: ['remove-input'],
    source: 'console.log(1)',
  });
  assert.equal(cellTags('--| include: false\nselect 1', {}, 'SQL'), { tags: ['remove-cell'], source: 'select 1' });
  assert.equal(cellTags('#hide\nx', {}, 'javascript'), { tags: [], source: '#hide\nx' });
  assert.equal(cellTags('#| echo: false\n#hide', { tags: ['t'] }, null), {
    tags: ['t'],
    source: '#| echo: false\n#hide',
  });
  assert.equal(cellTags('#| echo: false\nx <- 1', {}, 'r'), { tags: ['remove-input'], source: 'x <- 1' });
});

test('cellTags: through parseNotebook on a real fastpages post', () => {
  const bytes = readFileSync(new URL('../../test/fixtures/real/fastpages-2020-09-01-fastcore.ipynb', import.meta.url));
  const cells = parseNotebook({ branch: 'main', path: 'fastcore.ipynb', bytes }).notebook?.cells ?? [];
  const hidden = cells[2] as CodeCell;
  assert.equal(hidden.tags, ['remove-cell']);
  assert.ok(hidden.source.startsWith('! pip install -U git+git://github.com/fastai/fastcore@master'));
  const tagged = cells.filter((c) => c.tags.length > 0).map((c) => [c.id, c.tags]);
  assert.equal(tagged, [['cell-2', ['remove-cell']]]);
});

test.run();
