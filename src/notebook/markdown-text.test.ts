import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definesOnly, firstParagraph, markdownBlocks, markdownToText, truncateText } from './markdown-text.js';
import { titleHeading } from './markdown-tokens.js';

test('markdownToText: links keep their text, images and tags go, code and math stay', () => {
  const cases: [string, string][] = [
    ['See [the docs](https://x.org "t") and [ref][1].', 'See the docs and ref.'],
    ['![alt](img.png) Picture ![b][ref] here', 'Picture here'],
    ['An <a href="https://jupyter.org/">HTML link</a> and <br/> a <!-- comment -->break', 'An HTML link and a break'],
    ['**bold**, *it*, __strong__, _em_, ~~gone~~', 'bold, it, strong, em, gone'],
    ['snake_case_name and 2 * 3 * 4', 'snake_case_name and 2 * 3 * 4'],
    ['Use `a_b * c` here', 'Use a_b * c here'],
    ['Math $a_1 * b_2$ and $$\\sum_i x_i$$ and \\(y_1\\)', 'Math $a_1 * b_2$ and $$\\sum_i x_i$$ and \\(y_1\\)'],
    ['Tom &amp; Jerry &lt;3 &#233;&#x00e9; &bogus;', 'Tom & Jerry <3 éé &bogus;'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>'],
    ['a  \n  b\t\tc', 'a b c'],
    ['<https://example.com> \\*not emphasis\\*', 'https://example.com *not emphasis*'],
  ];
  for (const [input, expected] of cases) assert.is(markdownToText(input), expected, input);
});

test('truncateText: cuts on a word boundary with an ellipsis', () => {
  assert.is(truncateText('short', 300), 'short');
  const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
  const cut = truncateText(words, 300);
  assert.ok(cut.length <= 301, String(cut.length));
  assert.ok(cut.endsWith('…'));
  assert.ok(words.startsWith(cut.slice(0, -1)));
  assert.is(cut.at(-2), cut.slice(0, -1).split(' ').at(-1)?.at(-1));
  assert.is(truncateText('one two, three four', 12), 'one two…');
  assert.is(truncateText('x'.repeat(20), 10), `${'x'.repeat(10)}…`);
  assert.is(truncateText(`${'a'.repeat(9)}😀😀`, 10), `${'a'.repeat(9)}…`);
});

test('markdownBlocks: headings (ATX and setext), paragraphs, fences and other blocks', () => {
  const md = [
    '# Title #',
    'Intro line',
    'continues',
    '',
    '```python',
    '# not a heading',
    '```',
    '',
    'Sub',
    '---',
    '',
    '- item',
    '',
    '    code',
    '',
    '> quoted',
    '',
    '#hashtag',
  ].join('\n');
  assert.equal(
    markdownBlocks(md).map((b) => [b.kind, b.level, b.text]),
    [
      ['heading', 1, 'Title'],
      ['paragraph', 0, 'Intro line\ncontinues'],
      ['other', 0, '```python'],
      ['heading', 2, 'Sub'],
      ['other', 0, '- item'],
      ['other', 0, '    code'],
      ['paragraph', 0, 'quoted'],
      ['paragraph', 0, '#hashtag'],
    ],
  );
});

test('firstParagraph: skips headings, images, lists, code, rules and math blocks', () => {
  assert.is(
    firstParagraph(
      '# T\n\n![](a.png)\n\n---\n\n$$x$$\n\n* list\n\n```\ncode\n```\n\n<div><img src=x></div>\n\nThe *real* [start](u).\n\nSecond.',
    ),
    'The real start.',
  );
  assert.is(firstParagraph('# Only a heading'), undefined);
  assert.is(firstParagraph(':::{note}\nInside a directive\n:::\n\nAfter.'), 'After.');
});

test('firstParagraph and markdownToText: what is inside <style>, <script>, <template> and <noscript> is never text', () => {
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
    markdownToText(
      'Before <script>alert("x")</script> between <style>p { x: y }</style>after <noscript>no</noscript>.',
    ),
    'Before between after .',
  );
  assert.is(markdownToText('Start <template><p>copy</p>'), 'Start', 'unclosed inline: to the end');
  // Only elements are dropped: the same words as text, or in code, stay.
  assert.is(
    markdownToText('Use `<style>` and `</style>` around CSS; <scripted> stays'),
    'Use <style> and </style> around CSS; stays',
  );
  assert.is(firstParagraph('<style-box>\nShown text\n</style-box>'), 'Shown text', 'another element keeps its text');
  assert.is(firstParagraph('`<script>` tags hold code'), '<script> tags hold code');
});

test('firstParagraph: a setup cell that only defines macros is not the summary; the math that uses them is', () => {
  // As teaching notebooks open: the definitions show nothing on the page.
  assert.is(
    firstParagraph(
      '$\\newcommand{\\R}{\\mathbb{R}}\\newcommand{\\norm}[1]{\\left\\lVert#1\\right\\rVert}$\n\nWe study vectors in $\\R^n$.',
    ),
    'We study vectors in $\\R^n$.',
  );
  assert.is(
    firstParagraph('$$\n\\def\\x#1{#1^2} \\let\\y=\\x\n\\DeclareMathOperator*{\\argmax}{arg\\,max}\n$$\n\nText.'),
    'Text.',
  );
  assert.is(markdownToText('Let $\\renewcommand\\vec[1]{\\mathbf{#1}}$ be $\\vec{v}$.'), 'Let be $\\vec{v}$.');
  for (const tex of [
    '\\newcommand{\\R}{\\mathbb{R}}',
    '\\providecommand\\x{1}',
    '\\def\\x#1#2{#1+#2}',
    '\\let\\y=\\x',
    '\\gdef\\z{z}',
  ])
    assert.ok(definesOnly(tex), tex);
  // Anything shown beside a definition, or a definition cut short, is text as before.
  for (const tex of [
    'x^2',
    '\\newcommand{\\R}{\\mathbb{R}} x',
    '\\newcommand{\\R}{\\mathbb{R}',
    '\\newcommandx{a}{b}',
    '',
    ' ',
  ])
    assert.not.ok(definesOnly(tex), JSON.stringify(tex));
  assert.is(firstParagraph('$x = \\newcommand{\\a}{1}$ holds.'), '$x = \\newcommand{\\a}{1}$ holds.');
});

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
  assert.is(markdownToText('Fish &copy; chips &#x263A; &Eacute;'), 'Fish © chips ☺ É');
});

test('titleHeading: math is its TeX without delimiters; dollars that are not math stay', () => {
  assert.is(titleHeading(['# Vectors in $\\mathbb{R}^n$']), 'Vectors in \\mathbb{R}^n');
  assert.is(
    titleHeading(['# The \\(\\alpha\\) and $$\\beta$$ and \\[\\gamma\\] rules']),
    'The \\alpha and \\beta and \\gamma rules',
  );
  assert.is(titleHeading(['# Costs $5 and $10, or \\$3']), 'Costs $5 and $10, or $3');
  assert.is(titleHeading(['# $ x $ and `$y$` and $a_1 * b_2$']), '$ x $ and $y$ and a_1 * b_2');
  // Elsewhere math keeps its delimiters, by the same rules.
  assert.is(markdownToText('Costs $5 and $10; $x_1$ and $ y $'), 'Costs $5 and $10; $x_1$ and $ y $');
  assert.is(markdownToText('$a$ and $b$', 'tex'), 'a and b');
});

test('markdownBlocks: a heading line of 100,000 spaces is read in linear time, closing #s cut as before', () => {
  // The ATX regex backtracked over every split of the spaces: 20,000 took 3 s, 100,000 minutes.
  const spaces = ' '.repeat(100_000);
  assert.equal(markdownBlocks(`# a${spaces}b`), [{ kind: 'heading', level: 1, text: `a${spaces}b` }]);
  assert.equal(markdownBlocks(`# a${spaces}\rb`), [{ kind: 'paragraph', level: 0, text: `# a${spaces}\rb` }]);
  assert.is(titleHeading([`## Title${spaces}##${spaces}`]), 'Title');
  assert.equal(
    ['# foo #', '# foo#', '#\tfoo\t#\t', '# foo ## bar', '### ###', '#'].map((l) => markdownBlocks(l)[0]?.text),
    ['foo', 'foo#', 'foo', 'foo ## bar', '', ''],
  );
});

test.run();
