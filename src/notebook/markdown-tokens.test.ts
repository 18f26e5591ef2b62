import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstParagraph, titleHeading } from './markdown-tokens.js';
import { parseNotebook } from './parse.js';

/** The markdown cells of a fixture notebook, as the parser reads them (an nbformat 3 HTML cell is one). */
function markdownCells(name: string): string[] {
  const bytes = readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url));
  const { notebook } = parseNotebook({ branch: 'main', path: name, bytes });
  return (notebook?.cells ?? []).filter((c) => c.type === 'markdown').map((c) => c.source);
}

/** The summary of the first cell of `cells` that starts with `start`. */
function summaryOfCell(cells: readonly string[], start: string): string | undefined {
  const cell = cells.find((c) => c.startsWith(start));
  if (cell === undefined) throw new Error(`no cell starts with ${start}`);
  return firstParagraph(cell);
}

test('titleHeading: the first level-1 heading, else the first heading', () => {
  assert.is(titleHeading(['Text', '## Second level', '# First *level*']), 'First level');
  assert.is(titleHeading(['Text', '### Three', '## Two']), 'Three');
  assert.is(titleHeading(['```\n# code\n```', 'Setext\n===']), 'Setext');
  assert.is(titleHeading(['no headings', '#', '']), undefined);
});

test('titleHeading: the text of the rendered heading, references resolved and an image as its alt text', () => {
  assert.is(titleHeading(['# Fish &copy; chips']), 'Fish © chips');
  assert.is(titleHeading(['# Caf&eacute; &#233;t&#xE9; &frac12; &nosuchname;']), 'Café été ½ &nosuchname;');
  assert.is(titleHeading(['# ![img](a.png) Pic']), 'img Pic');
  assert.is(titleHeading(['<div>\n\n# Inside HTML\n\n</div>', '# <b>Bold</b> *word*']), 'Inside HTML');
});

test('titleHeading: what a <style> or <script> in a heading holds is not its text (the page drops it)', () => {
  assert.is(titleHeading(['# Fonts <style>h1 { color: red }</style> and colours']), 'Fonts and colours');
  assert.is(titleHeading(['# Results <script>track()</script>']), 'Results');
  assert.is(titleHeading(['# Use `<style>` well']), 'Use <style> well', 'in code it is text');
});

test('titleHeading: math is its TeX without delimiters; dollars that are not math stay', () => {
  assert.is(titleHeading(['# Vectors in $\\mathbb{R}^n$']), 'Vectors in \\mathbb{R}^n');
  assert.is(
    titleHeading(['# The \\(\\alpha\\) and $$\\beta$$ and \\[\\gamma\\] rules']),
    'The \\alpha and \\beta and \\gamma rules',
  );
  assert.is(titleHeading(['# Costs $5 and $10, or \\$3']), 'Costs $5 and $10, or $3');
  assert.is(titleHeading(['# $ x $ and `$y$` and $a_1 * b_2$']), '$ x $ and $y$ and a_1 * b_2');
});

test('titleHeading: a heading line of 100,000 spaces is read in linear time, closing #s cut', () => {
  const spaces = ' '.repeat(100_000);
  assert.is(titleHeading([`## Title${spaces}##${spaces}`]), 'Title');
  assert.is(titleHeading([`# a${spaces}b`]), `a b`);
  assert.equal(
    ['# foo #', '# foo#', '#\tfoo\t#\t', '# foo ## bar'].map((l) => titleHeading([l])),
    ['foo', 'foo#', 'foo', 'foo ## bar'],
  );
});

test('firstParagraph: skips headings, images, lists, tables, code, rules, math blocks and directives', () => {
  assert.is(
    firstParagraph(
      '# T\n\n![](a.png)\n\n---\n\n$$x$$\n\n* list\n\n```\ncode\n```\n\n<div><img src=x></div>\n\nThe *real* [start](u).\n\nSecond.',
    ),
    'The real start.',
  );
  assert.is(firstParagraph('# Only a heading'), undefined);
  assert.is(firstParagraph(':::{note}\nInside a directive\n:::\n\nAfter.'), 'After.');
  assert.is(firstParagraph(':::{note}\n\nInside, blank lines and all\n\n- a list\n\n:::\n\nAfter.'), 'After.');
  assert.is(firstParagraph('(intro)=\n\n# Intro\n\nText here.'), 'Text here.', 'a MyST target is no prose');
  assert.is(firstParagraph('a | b\n--|--\n1 | 2\n\nAfter the table.'), 'After the table.');
  assert.is(firstParagraph('$$\nE = mc^2\n$$\nwhere $E$ is energy.'), 'where E is energy.');
  assert.is(firstParagraph('> **Note**\n> Quoted intro.'), 'Note Quoted intro.', 'a quote is prose');
});

test('firstParagraph: images are their alt text in prose; a paragraph of images alone is passed over', () => {
  assert.is(firstParagraph('Press the ![gear](gear.png) button.'), 'Press the gear button.');
  assert.is(
    firstParagraph(
      '[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/x) ![Binder](b.svg)\n\nThis tutorial fits a model.',
    ),
    'This tutorial fits a model.',
  );
  assert.is(firstParagraph('![banner](b.png)\n\n# Title\n\nIntro.'), 'Intro.');
});

test('firstParagraph: HTML paragraphs and text below an inline element read as the page shows them; other blocks do not', () => {
  assert.is(firstParagraph('<p align="center">An <b>old</b> intro &amp; more</p>\n\nSecond.'), 'An old intro & more');
  assert.is(
    firstParagraph('<img src="logo.png" align="right" width="100">\nIntro beside the logo.'),
    'Intro beside the logo.',
  );
  assert.is(
    firstParagraph(
      '<a href="https://colab.research.google.com/x"><img src="badge.svg" alt="Open In Colab"/></a>\n\nIntro.',
    ),
    'Intro.',
  );
  assert.is(
    firstParagraph('<div class="alert alert-info">\n<b>Note:</b> needs a GPU.\n</div>\n\nWe fit a model.'),
    'We fit a model.',
  );
  assert.is(firstParagraph('<h2>An HTML heading</h2>\n\nText.'), 'Text.');
  assert.is(firstParagraph('<table><tr><td>cell</td></tr></table>\n\nText.'), 'Text.');
  assert.is(
    firstParagraph('<details><summary>Setup</summary>\n\nFolded text.\n\n</details>\n\nShown.'),
    'Shown.',
    'what a reader must unfold is no summary',
  );
});

test('firstParagraph: what is inside <style>, <script>, <template> and <noscript> is never text', () => {
  assert.is(
    firstParagraph('<style>\n.callout { border-left: 4px solid teal; }\n</style>\n\nIn this lesson we fit a model.'),
    'In this lesson we fit a model.',
  );
  assert.is(
    firstParagraph('<STYLE type="text/css">\n.a { color: red; }\n\n.b { color: blue; }\n</STYLE>\nAfter the sheet.'),
    'After the sheet.',
    'blank lines inside, any case',
  );
  assert.is(firstParagraph('<script>console.log("hello")</script>\n\nWe compare models.'), 'We compare models.');
  assert.is(firstParagraph('<script>\nlet a = 1;\n\nlet b = 2;'), undefined, 'unclosed: to the end');
  assert.is(
    firstParagraph(
      '<template>\n\nHidden copy.\n\n</template>\n<noscript>\n\nTurn on JavaScript.\n\n</noscript>\n\nShown.',
    ),
    'Shown.',
  );
  assert.is(
    firstParagraph(
      'Before <script>alert("x")</script> between <style>p { x: y }</style>after <noscript>no</noscript>.',
    ),
    'Before between after .',
  );
  assert.is(firstParagraph('Start <template><p>copy</p>'), 'Start', 'unclosed inline: to the end');
  assert.is(firstParagraph('<style-box>\nShown text\n</style-box>'), 'Shown text', 'another element keeps its text');
  assert.is(firstParagraph('`<script>` tags hold code'), '<script> tags hold code');
});

test('firstParagraph: a setup cell that only defines macros is not the summary; the math that uses them is, as its TeX', () => {
  // As teaching notebooks open: the definitions show nothing on the page.
  assert.is(
    firstParagraph(
      '$\\newcommand{\\R}{\\mathbb{R}}\\newcommand{\\norm}[1]{\\left\\lVert#1\\right\\rVert}$\n\nWe study vectors in $\\R^n$.',
    ),
    'We study vectors in \\R^n.',
  );
  assert.is(
    firstParagraph('$$\n\\def\\x#1{#1^2} \\let\\y=\\x\n\\DeclareMathOperator*{\\argmax}{arg\\,max}\n$$\n\nText.'),
    'Text.',
  );
  assert.is(firstParagraph('Let $\\renewcommand\\vec[1]{\\mathbf{#1}}$ be $\\vec{v}$.'), 'Let be \\vec{v}.');
  assert.is(firstParagraph('$x = \\newcommand{\\a}{1}$ holds.'), 'x = \\newcommand{\\a}{1} holds.');
  assert.is(firstParagraph('Costs $5 and $10, or \\$3 &amp; more.'), 'Costs $5 and $10, or $3 & more.');
});

test('firstParagraph: real notebooks, where a line scanner read markup as text', () => {
  const fastcore = markdownCells('real/fastpages-2020-09-01-fastcore.ipynb');
  // A link whose text is code, and a link whose URL holds parentheses.
  assert.is(
    summaryOfCell(fastcore, 'Without reading the source code'),
    'Without reading the source code, it might be hard for me to know that foo also accepts and additional parameters b and d. We can fix this with delegates:',
  );
  assert.is(summaryOfCell(fastcore, 'Read more about `Self`'), 'Read more about Self in the docs.');
  // fastpages' summary quote, then its front-matter list: the list is no part of the quote.
  assert.is(
    summaryOfCell(fastcore, '# "fastcore'),
    'A unique python library that extends the python programming language and provides utilities that enhance productivity.',
  );
  // Strong emphasis around code.
  assert.is(
    summaryOfCell(markdownCells('real/mystmd-interactive-notebooks.ipynb'), 'Use the **`remove-output`**'),
    'Use the remove-output tag to remove the cell output but keep the input:',
  );
  // An nbformat 3 notebook's HTML paragraph reads as before.
  assert.is(summaryOfCell(markdownCells('notebook/v3-worksheets.ipynb'), '<p>'), 'old html cell');
});

test('firstParagraph: a cell nested too deep to render has none (it shows as its source)', () => {
  assert.is(firstParagraph(`${'> '.repeat(40)}deep\n\nText.`), undefined);
});

test.run();
