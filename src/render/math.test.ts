import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertInert, parseHtml } from '../../test/support/assert-inert.js';
import { maskMath, matchBlockMath, matchInlineMath, type MathMacros, renderLatexOutput, renderMath } from './math.js';
import { sanitizeHtml } from './sanitize.js';

/** KaTeX shows parse errors as `.katex-error` and unknown commands in red (`#cc0000`). */
const hasError = (html: string) => parseHtml(html).querySelector('.katex-error, [mathcolor="#cc0000"]') !== null;

test('renderMath: inline and display math as KaTeX HTML + MathML', () => {
  const inline = parseHtml(renderMath('x^2', false));
  assert.ok(inline.querySelector('.katex .katex-mathml math'));
  assert.ok(inline.querySelector('.katex .katex-html'));
  assert.not.ok(inline.querySelector('.katex-display'));
  const display = parseHtml(renderMath('\\int_0^1 x\\,dx', true));
  assert.ok(display.querySelector('.katex-display math[display="block"]'));
});

test('renderMath: bad TeX shows the source in red and never throws', () => {
  const out = renderMath('\\frac{1}{', false);
  const el = parseHtml(out).querySelector('.katex-error');
  assert.ok(el);
  assert.is(el?.textContent, '\\frac{1}{');
  assert.match(el?.getAttribute('style') ?? '', /color/);
  assert.ok(hasError(renderMath('\\undefinedmacro', true)));
});

test('renderMath: \\href, \\url and friends cannot make links or images (trust: false)', () => {
  for (const tex of [
    '\\href{javascript:alert(1)}{x}',
    '\\url{javascript:alert(1)}',
    '\\includegraphics{https://evil.example/x.png}',
    '\\htmlClass{x}{y}',
    '\\htmlData{onclick=alert(1)}{y}',
    '\\htmlStyle{position:fixed}{y}',
  ]) {
    const out = sanitizeHtml(renderMath(tex, false));
    const el = parseHtml(out);
    assert.is(el.querySelectorAll('a, img, [href], [src], [onclick]').length, 0, tex);
    assert.is(el.querySelectorAll('[style*="fixed"]').length, 0, tex);
    assertInert(out, { allowKatexSvg: true });
  }
});

test('renderMath: \\newcommand carries over between calls that share macros', () => {
  const macros: MathMacros = {};
  renderMath('\\newcommand{\\myset}{\\mathbb{Q}}', false, macros);
  const used = renderMath('x \\in \\myset', false, macros);
  assert.not.ok(hasError(used));
  assert.ok(parseHtml(used).querySelector('mi[mathvariant="double-struck"]'));
  assert.ok(hasError(renderMath('x \\in \\myset', false)), 'without shared macros \\myset is unknown');
});

test('renderMath: \\newcommand of a name KaTeX already has redefines it, as in Jupyter (MathJax)', () => {
  const macros: MathMacros = {};
  const setup = renderMath(
    '\\newcommand{\\R}{\\mathbf{R}}\\newcommand{\\norm}[1]{\\left\\lVert#1\\right\\rVert}\\newcommand\\vec[1]{\\mathsf{#1}}',
    false,
    macros,
  );
  assert.not.ok(hasError(setup), 'the whole definition span renders');
  assert.equal(
    Object.keys(macros).sort(),
    ['\\R', '\\norm', '\\vec'],
    'every macro of the span is kept, and nothing else',
  );
  const used = parseHtml(renderMath('x \\in \\R^n,\\ \\norm{\\vec{x}} = 1', false, macros));
  assert.not.ok(hasError(used.outerHTML));
  assert.ok(used.querySelector('mi[mathvariant="bold"]'), "the new \\R, not KaTeX's blackboard R");
  assert.ok(used.querySelector('mi[mathvariant="sans-serif"]'), "the new \\vec, not KaTeX's arrow accent");
  assert.is(used.querySelectorAll('mo[fence="true"]').length, 2, '\\norm with its argument');
  // Without a notebook's macros the definition holds within its own span only.
  assert.ok(parseHtml(renderMath('\\newcommand{\\R}{\\mathbf{R}}\\R', false)).querySelector('mi[mathvariant="bold"]'));
  assert.ok(parseHtml(renderMath('\\R', false)).querySelector('mi[mathvariant="double-struck"]'));
  // A name still has to be one command, as KaTeX requires.
  assert.ok(hasError(renderMath('\\newcommand{ab}{x}', false, {})));
});

test('renderMath: math KaTeX cannot read goes to onError, once a call, and is shown as before', () => {
  const errors: string[] = [];
  const onError = (message: string) => void errors.push(message);
  const broken = renderMath('\\frac{1}{', false, undefined, onError);
  assert.is(broken, renderMath('\\frac{1}{', false), 'the same red source as without onError');
  assert.is(parseHtml(broken).querySelector('.katex-error')?.textContent, '\\frac{1}{');
  assert.equal(errors, ["Unexpected end of input in a macro argument, expected '}'"]);
  renderMath('\\frac{1}{', false, undefined, onError);
  assert.is(errors.length, 2, 'an error is not remembered away: every span that has it is reported');
  const unknown = renderMath('a + \\nosuchcommand', true, {}, onError);
  assert.ok(
    parseHtml(unknown).querySelector('.katex-display [mathcolor="#cc0000"]'),
    'only the unknown command in red, the rest rendered',
  );
  assert.is(errors[2], 'Undefined control sequence: \\nosuchcommand');
  renderMath('x^2', false, undefined, onError);
  renderMath('x^2', false, {}, onError);
  assert.is(errors.length, 3, 'good math is not reported');
  // Definitions around an unknown command are kept, as when KaTeX read the span once.
  const macros: MathMacros = {};
  renderMath('\\newcommand{\\first}{1}\\nosuchcommand\\newcommand{\\second}{2}', false, macros, onError);
  assert.equal(Object.keys(macros).sort(), ['\\first', '\\second']);
  assert.is(errors.length, 4);
});

test('renderMath: environments KaTeX lacks are mapped (eqnarray, multline)', () => {
  assert.not.ok(hasError(renderMath('\\begin{eqnarray}a &=& b \\nonumber\\\\ c &=& d\\end{eqnarray}', true)));
  assert.not.ok(hasError(renderMath('\\begin{multline}a+b\\\\+c\\end{multline}', true)));
  assert.not.ok(hasError(renderMath('\\begin{align}a&=b\\\\c&=d\\end{align}', true)));
});

test('renderLatexOutput: delimited math and math environments become display math', () => {
  for (const latex of [
    '$$x^2$$',
    '$x^2$',
    '\\[x^2\\]',
    '\\(x^2\\)',
    '$\\displaystyle \\frac{1}{2}$',
    '\\begin{equation}E=mc^2\\end{equation}',
    ' \\begin{align*}a&=1\\end{align*}\n',
  ]) {
    const el = parseHtml(renderLatexOutput(latex));
    assert.ok(el.querySelector('.katex-display'), latex);
    assert.not.ok(el.querySelector('.katex-error'), latex);
  }
});

test('renderLatexOutput: LaTeX that is not math is shown as escaped source', () => {
  const tabular = '\\begin{tabular}{lr}\n\\toprule\nname & <b>x</b> \\\\\n\\bottomrule\n\\end{tabular}';
  const out = renderLatexOutput(tabular);
  assert.is(parseHtml(out).querySelector('pre.latex-source')?.textContent, tabular);
  assert.not.match(out, /<b>/);
  assert.ok(
    parseHtml(renderLatexOutput('$$\\frac{1}{$$')).querySelector('pre.latex-source'),
    'math KaTeX cannot parse',
  );
  assert.ok(parseHtml(renderLatexOutput('plain words')).querySelector('pre.latex-source'));
});

test('matchInlineMath: dollars, brackets and environments; currency stays text', () => {
  assert.equal(matchInlineMath('$a_1 * b_2$ rest'), { raw: '$a_1 * b_2$', tex: 'a_1 * b_2', display: false });
  assert.equal(matchInlineMath('$$x$$ y'), { raw: '$$x$$', tex: 'x', display: true });
  assert.equal(matchInlineMath('\\(x\\) y'), { raw: '\\(x\\)', tex: 'x', display: false });
  assert.equal(matchInlineMath('\\[x\\]'), { raw: '\\[x\\]', tex: 'x', display: true });
  assert.equal(matchInlineMath('\\begin{align}a\\end{align} z'), {
    raw: '\\begin{align}a\\end{align}',
    tex: '\\begin{align}a\\end{align}',
    display: true,
  });
  assert.equal(matchInlineMath('$a \\$ b$'), { raw: '$a \\$ b$', tex: 'a \\$ b', display: false });
  assert.is(matchInlineMath('$5 and $10'), undefined);
  assert.is(matchInlineMath('$5-$10'), undefined);
  assert.is(matchInlineMath('$ x$'), undefined);
  assert.is(matchInlineMath('$x $'), undefined);
  assert.is(matchInlineMath('$$'), undefined);
  assert.is(matchInlineMath('\\begin{tabular}x\\end{tabular}'), undefined);
});

test('matchBlockMath: math on lines of its own', () => {
  assert.equal(matchBlockMath('$$\nE=mc^2\n$$\nnext'), { raw: '$$\nE=mc^2\n$$\n', tex: '\nE=mc^2\n', display: true });
  assert.equal(matchBlockMath('  \\[x\\]\n'), { raw: '  \\[x\\]\n', tex: 'x', display: true });
  assert.is(matchBlockMath('$$x$$ and text'), undefined);
  assert.is(matchBlockMath('    $$x$$'), undefined, 'indented code');
  assert.is(matchBlockMath('\\(x\\)\n'), undefined, 'inline delimiters are not blocks');
});

test('maskMath: hides emphasis characters inside math only, same length', () => {
  const src = '*a $x*y_z$ b* and _c_ costs $5 and $10';
  const masked = maskMath(src);
  assert.is(masked.length, src.length);
  assert.is(masked, '*a $xayaz$ b* and _c_ costs $5 and $10');
});

test('renderMath: remembered math still defines macros, and macros still change what math reads', () => {
  const plainBefore = renderMath('x \\in \\myset', false);
  for (let i = 0; i < 2; i++) {
    const macros: MathMacros = {};
    renderMath('\\newcommand{\\myset}{\\mathbb{Q}}', false, macros);
    assert.ok('\\myset' in macros, `definition ${i + 1} reaches the notebook's macros`);
    const used = renderMath('x \\in \\myset', false, macros);
    assert.not.ok(hasError(used));
    assert.is.not(used, plainBefore, 'the macro changes the rendering');
  }
  assert.is(renderMath('x \\in \\myset', false), plainBefore, 'without macros, as before');
  renderMath('\\newcommand{\\myother}{\\mathbb{R}}', false); // remembered, with no macros to define
  const later: MathMacros = {};
  renderMath('\\newcommand{\\myother}{\\mathbb{R}}', false, later);
  assert.ok('\\myother' in later, 'the same definition still reaches a notebook that keeps macros');
  assert.is(renderMath('x \\in \\myset', false, {}), plainBefore);
});

test.run();
