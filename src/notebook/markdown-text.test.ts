import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { definesOnly, markdownToText, truncateText } from './markdown-text.js';

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

test('markdownToText: what is inside <style>, <script>, <template> and <noscript> is never text', () => {
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
});

test('definesOnly: math that only defines macros, and markdownToText leaves it out', () => {
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
});

test('markdownToText: references resolved; math keeps its delimiters unless asked for its TeX', () => {
  assert.is(markdownToText('Fish &copy; chips &#x263A; &Eacute;'), 'Fish © chips ☺ É');
  assert.is(markdownToText('Costs $5 and $10; $x_1$ and $ y $'), 'Costs $5 and $10; $x_1$ and $ y $');
  assert.is(markdownToText('$a$ and $b$', 'tex'), 'a and b');
});

test.run();
