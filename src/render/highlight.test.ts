import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHighlighterCore, type HighlighterCore } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHighlight, plainCode } from './context.js';
import {
  DARK_THEME,
  HIGHLIGHT_LANGUAGES,
  LIGHT_THEME,
  MAX_HIGHLIGHTED_LINE,
  SLOW_GRAMMAR_LINE,
  THEME_OPTIONS,
  TOKENIZE_TIME_LIMIT,
  createHighlighter,
  highlightToHtml,
  loadHighlighter,
} from './highlight.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const CORPUS_DIRS = [
  join(here, '../../../shared/corpus/fastpages'),
  join(here, '../../../shared/corpus/mystmd'),
  join(here, '../../test/fixtures/render'),
  join(here, '../../test/fixtures/markdown'),
  join(here, '../../test/fixtures/real'),
];

/** Every code cell of every notebook the tests hold (and the shared corpus), as [label, code]. */
function corpusCode(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of CORPUS_DIRS) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.ipynb'));
    } catch {
      continue;
    }
    for (const name of names) {
      let nb: { cells?: { cell_type: string; source: string | string[] }[] };
      try {
        nb = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      } catch {
        continue; // deliberately broken fixtures
      }
      for (const [i, cell] of (nb.cells ?? []).entries()) {
        if (cell.cell_type === 'code')
          out.push([`${name}#${i}`, Array.isArray(cell.source) ? cell.source.join('') : String(cell.source)]);
      }
    }
  }
  return out;
}

/** Code that exercises the serializer's corners in every bundled language. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source to highlight
const JS_TEMPLATE = 'let x = `a${b < c}`';
const SAMPLES: Record<string, string> = {
  python: 'def f(x):\n    """doc <b> & co"""\n    return f"{x!r}" + 1  # comment\r\n\n\t  \ny = a < b & "c>\'d"  \n',
  latex: '\\begin{align} x^2 &< y \\end{align} % note',
  markdown: '# Hi *there*\n\n```python\nx = 1 < 2\n```\n\n<b>bold</b>\n',
  html: '<div onclick="x()"><script>var a = 1 < 2 && b;</script><style>a{b:c}</style></div>',
  cpp: '#include <vector>\nint main(){ return 1 < 2 ? 0 : 1; }',
  rust: 'fn main() { let x: &str = "a"; }',
  sql: "SELECT * FROM t WHERE a < 1 AND b = 'x'",
  r: 'x <- c(1, 2)\nlibrary(dplyr)\nx %>% filter(y < 3)',
  julia: 'function f(x::Int)\n  x^2 < 3 && true\nend',
  shellscript: 'for i in $(ls); do echo "$i" > /dev/null & done',
  yaml: 'a: [1, 2]\nb: |\n  x < y\n',
  mermaid: 'graph TD; A-->B',
  scala: 'object A { def f = 1 < 2 }',
  java: 'class A<T> { int x = 1; }',
  go: 'func main() { fmt.Println("x", a < b) }',
  matlab: "x = [1 2 3];\nplot(x, 'r')",
  toml: '[a]\nb = "<c>"',
  xml: '<a b="c &amp; d"/><!-- x -->',
  diff: '+a < b\n-b & c\n',
  css: 'a > b { color: red }',
  json: '{"a": [1, "<x>"]}',
  c: 'int x = 1 < 2;',
  typescript: 'const x: Array<number> = [1]',
  javascript: JS_TEMPLATE,
};

/**
 * The reference's options: no time limit per line. With shiki's 500 ms, the first line a reference
 * highlighter tokenizes in a language also compiles the grammar, and on a loaded machine it came
 * out cut (one colour to the end of the line) in one theme's pass and not in the other's.
 */
const UNTIMED = { ...THEME_OPTIONS, tokenizeTimeLimit: 0 } as const;

const Serializer = suite('highlight: our serializer');

Serializer('writes what shiki codeToHtml writes, byte for byte, on every corpus cell and language', async () => {
  const hl = await loadHighlighter();
  const core = hl.ready('python')!;
  const cells = corpusCode();
  assert.ok(cells.length > 100, `the corpus holds code (${cells.length} cells)`);
  for (const [label, code] of cells)
    assert.is(highlightToHtml(hl, code, 'python'), core.codeToHtml(code, { lang: 'python', ...UNTIMED }), label);
  for (const [lang, code] of Object.entries(SAMPLES))
    assert.is(highlightToHtml(hl, code, lang), hl.ready(lang)!.codeToHtml(code, { lang, ...UNTIMED }), lang);
  assert.equal(Object.keys(SAMPLES).sort(), [...HIGHLIGHT_LANGUAGES].sort());
});

Serializer('a cell is tokenized once for both colour schemes: one grammar pass a line', async () => {
  const hl = await createHighlighter({ timeLimit: 0 });
  const core = hl.ready('python')!;
  const grammar = core.getLanguage('python');
  const tokenizeLine = grammar.tokenizeLine2.bind(grammar);
  let calls = 0;
  grammar.tokenizeLine2 = (...args) => {
    calls++;
    return tokenizeLine(...args);
  };
  const code = 'def f(x):\n\n    return x  # twice\nprint(f(1))';
  const html = highlightToHtml(hl, code, 'python');
  assert.is(calls, 3, 'three lines with text, three passes of the grammar');
  assert.is(
    html,
    core.codeToHtml(code, { lang: 'python', ...UNTIMED }),
    'both colours, as shiki gives them in a pass per theme',
  );
  assert.is(calls, 3 + 6, "shiki's own dual-theme highlighting takes two passes a line");
  core.dispose();
});

Serializer(
  'when the style pairs run out the numbering starts again; a cell that alone needs more is plain',
  async () => {
    const cells = ['x = 1', 'def f(): return "s"  # c', 'import os\nprint(os.sep, 1.5)', 'x = 1'];
    const roomy = await createHighlighter({ timeLimit: 0, stylePairs: 5 });
    const core = roomy.ready('python')!;
    for (const code of cells)
      assert.is(highlightToHtml(roomy, code, 'python'), core.codeToHtml(code, { lang: 'python', ...UNTIMED }), code);
    const tight = await createHighlighter({ timeLimit: 0, stylePairs: 3 });
    assert.is(highlightToHtml(tight, cells[1] as string, 'python'), undefined);
    assert.ok(
      createHighlight(tight)(cells[1] as string, 'python') === plainCode(cells[1] as string),
      'the page shows it as plain code',
    );
    assert.is(
      highlightToHtml(tight, cells[2] as string, 'python'),
      core.codeToHtml(cells[2] as string, { lang: 'python', ...UNTIMED }),
      'the next cell is coloured',
    );
    core.dispose();
    tight.ready('python')?.dispose();
  },
);

const Engine = suite('highlight: JavaScript regex engine');

let oniguruma: HighlighterCore | undefined;
Engine.before(async () => {
  oniguruma = await createHighlighterCore({
    engine: createOnigurumaEngine(import('shiki/wasm')),
    langs: HIGHLIGHT_LANGUAGES.map((l) => import(`shiki/langs/${l}.mjs`)),
    themes: [import(`shiki/themes/${LIGHT_THEME}.mjs`), import(`shiki/themes/${DARK_THEME}.mjs`)],
  });
});

Engine('colours every corpus cell and language as the Oniguruma engine with every grammar loaded does', async () => {
  const hl = await loadHighlighter();
  for (const [label, code] of corpusCode())
    assert.is(highlightToHtml(hl, code, 'python'), oniguruma!.codeToHtml(code, { lang: 'python', ...UNTIMED }), label);
  for (const [lang, code] of Object.entries(SAMPLES))
    assert.is(highlightToHtml(hl, code, lang), oniguruma!.codeToHtml(code, { lang, ...UNTIMED }), lang);
});

/** A Python line of exactly `chars` characters: a list of numbers. */
const data = (chars: number) =>
  `data = [${Array.from({ length: chars }, (_, i) => `${i % 10}.5`).join(', ')}`.slice(0, chars - 1).concat(']');

Serializer(
  'a line too long to tokenize is plain text, the same on any machine; shorter ones are highlighted',
  async () => {
    const hl = await loadHighlighter();
    // Hundreds of kB on one line: past the limit, one unstyled span holds it whole, escaped.
    const long = `${data(300_000)} # <b>&`;
    const html = highlightToHtml(hl, `x = 1\n${long}\ny = 2`, 'python') as string;
    const lines = html.split('\n');
    // (Compared as counts and a boolean: a diff of two 300 kB strings would take uvu minutes.)
    assert.is((lines[1]?.match(/<span/g) ?? []).length, 2, 'the line and one span in it');
    assert.ok(
      lines[1] === `<span class="line"><span>${long.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;')}</span></span>`,
      'the whole line, escaped, unstyled',
    );
    assert.match(
      lines[0] as string,
      /<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">/,
      'the lines around it are highlighted',
    );
    // Just under the limit, a line is tokenized like any other.
    const under = data(MAX_HIGHLIGHTED_LINE - 1);
    assert.ok((highlightToHtml(hl, under, 'python')?.match(/<span style=/g) ?? []).length > 1000);
    assert.is(highlightToHtml(hl, data(MAX_HIGHLIGHTED_LINE), 'python')?.match(/<span style=/g), null);
  },
);

Engine('a language highlighted first, in a fresh highlighter, colours as with every grammar loaded', async () => {
  // Grammars are registered on first use: each must bring the grammars it embeds (markdown's
  // fences, LaTeX's R, HTML's script and style) whatever was highlighted before.
  for (const [lang, code] of Object.entries(SAMPLES)) {
    const fresh = await createHighlighter();
    assert.is(highlightToHtml(fresh, code, lang), oniguruma!.codeToHtml(code, { lang, ...UNTIMED }), lang);
    fresh.ready(lang)?.dispose();
  }
  const fresh = await createHighlighter();
  assert.is(highlightToHtml(fresh, 'x', 'no-such-language'), undefined);
  assert.ok(highlightToHtml(fresh, 'x = 1', 'tex'), 'grammars bundled as dependencies (tex, regexp) highlight too');
  fresh.ready('tex')?.dispose();
});

const Limit = suite('highlight: the time limit per line');

Limit('a grammar slower to compile than the time limit colours its first lines as it colours them later', async () => {
  // The first C++ a thread highlights compiles the grammar's rules (0.4–1.3 s on a 2-core build
  // machine), and that time counted against the line being tokenized: the line came out cut
  // (plain after its first token), unlike the same line anywhere later, so a page depended on
  // which thread drew it first.
  const code = [
    'int main(int argc, char** argv) { std::vector<int> v{1, 2, 3}; return v.size() > 2 ? 0 : 1; } // done',
    '#include <iostream>',
    'template <typename T>',
    'class Stack {',
    ' public:',
    '  void push(const T& x) { items_.push_back(x); }',
    '  T pop() { T x = items_.back(); items_.pop_back(); return x; }',
    ' private:',
    '  std::vector<T> items_;',
    '};',
    'The quick brown fox jumps over the lazy dog, and then it runs away quickly into the forest.',
  ].join('\n');
  const untimed = await createHighlighter({ timeLimit: 0 });
  const reference = highlightToHtml(untimed, code, 'cpp');
  untimed.ready('cpp')?.dispose();
  assert.ok((reference?.match(/<span style=/g) ?? []).length > 50, 'the reference is highlighted');
  for (const timeLimit of [250, TOKENIZE_TIME_LIMIT]) {
    const fresh = await createHighlighter({ timeLimit });
    assert.is(highlightToHtml(fresh, code, 'cpp'), reference, `a fresh highlighter, ${timeLimit} ms a line`);
    fresh.ready('cpp')?.dispose();
  }
});

Limit('a line slow in itself leaves its whole cell plain, not coloured up to where the machine got', async () => {
  const hl = await createHighlighter({ timeLimit: 1 });
  highlightToHtml(hl, SAMPLES.python as string, 'python'); // compiles the grammar
  // A line of 19,999 characters takes tens of milliseconds: past 1 ms however often it is tried.
  const cell = `x = 1\n${data(MAX_HIGHLIGHTED_LINE - 1)}\ny = 2`;
  assert.is(highlightToHtml(hl, cell, 'python'), undefined);
  assert.ok(createHighlight(hl)(cell, 'python') === plainCode(cell), 'the page shows it as plain code');
  assert.match(
    highlightToHtml(hl, 'x = 1', 'python') ?? '',
    /<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">/,
    'the next cell is coloured',
  );
  hl.ready('python')?.dispose();
});

Limit(
  "long Julia and R lines are plain text past their grammar's lower limit; the rest of the cell is coloured",
  async () => {
    // One regex match of these grammars ignores the time limit (checked between matches) and
    // backtracks on long lines: `function aaa…` of 5,000 characters took 14.7 s, `f(x) where `
    // repeated to 5,000 took 34 s (tried four times over once cut), R `f(f(f(…` of 8,000 took 2 s.
    const hl = await createHighlighter();
    const julia = ['x = 1', `function ${'a'.repeat(5000)}`, 'f(x) where '.repeat(455), `${'a'.repeat(4000)}!`].join(
      '\n',
    );
    const r = ['y <- 2', 'f('.repeat(9000)].join('\n');
    for (const [lang, code] of [
      ['julia', julia],
      ['r', r],
    ] as const) {
      const lines = (highlightToHtml(hl, code, lang) ?? '').split('\n');
      assert.is(lines.length, code.split('\n').length, lang);
      assert.match(
        lines[0] ?? '',
        /<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">/,
        `${lang}: short lines are coloured`,
      );
      for (const [i, line] of code.split('\n').entries()) {
        if (line.length > (SLOW_GRAMMAR_LINE[lang] ?? 0))
          assert.is(lines[i]?.match(/<span/g)?.length, 2, `${lang} line ${i + 1} is one span`);
      }
    }
    // Just under the lower limit a Julia line is tokenized like any other.
    assert.ok((highlightToHtml(hl, `x = [${'1, '.repeat(300)}]`, 'julia')?.match(/<span style=/g) ?? []).length > 300);
  },
);

Limit('a cell past its time budget in all is plain, and the next cell is coloured', async () => {
  const hl = await createHighlighter({ cellBudget: 300 });
  highlightToHtml(hl, SAMPLES.python as string, 'python'); // compiles the grammar
  const cell = Array.from({ length: 20_000 }, () => SAMPLES.python as string).join('\n');
  assert.is(highlightToHtml(hl, cell, 'python'), undefined);
  assert.match(
    highlightToHtml(hl, 'x = 1', 'python') ?? '',
    /<span style="color:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}">/,
  );
  hl.ready('python')?.dispose();
});

Serializer.run();
Engine.run();
Limit.run();
