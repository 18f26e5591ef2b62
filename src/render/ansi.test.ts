import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorOutput, StreamOutput } from '../types.js';
import { ansiToHtml, ansiToHtmlParts, renderError, stripAnsi, stripControlChars } from './ansi.js';
import { parseFixture } from '../../test/support/render-fixtures.js';

const fixture = (name: string) =>
  parseFixture(readFileSync(new URL(`../../test/fixtures/render/${name}`, import.meta.url)), name).nb;
const ansiNb = fixture('ansi.ipynb');
const outputOf = (cell: number) => {
  const c = ansiNb.cells[cell];
  if (c?.type !== 'code' || !c.outputs[0]) throw new Error(`no output in cell ${cell}`);
  return c.outputs[0];
};
const parse = (html: string) => JSDOM.fragment(`<pre>${html}</pre>`);

const AnsiToHtml = suite('ansiToHtml');

AnsiToHtml('16, 256 and 24-bit colours, bold and underline become classes and styles', () => {
  const out = ansiToHtml((outputOf(0) as StreamOutput).text);
  const spans = [...parse(out).querySelectorAll('span')];
  const byText = (t: string) => spans.find((s) => s.textContent === t);
  assert.is(byText('red')?.className, 'ansi-red-fg');
  assert.match(byText('bold')?.getAttribute('style') ?? '', /font-weight:\s*bold/);
  assert.match(byText('under')?.getAttribute('style') ?? '', /text-decoration:\s*underline/);
  assert.match(byText('palette')?.getAttribute('style') ?? '', /color:rgb\(255,135,0\)/);
  assert.match(byText('true')?.getAttribute('style') ?? '', /color:rgb\(10,20,30\)/);
  assert.match(byText('bg')?.getAttribute('style') ?? '', /background-color:rgb\(1,2,3\)/);
  assert.match(byText('bg256')?.getAttribute('style') ?? '', /background-color:rgb\(0,0,175\)/);
  assert.not.match(out, /\x1b/);
});

AnsiToHtml('escapes HTML itself, with or without escape sequences', () => {
  assert.is(ansiToHtml('<b>&"\'</b>'), '&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;');
  const coloured = ansiToHtml('\x1b[31m<script>alert(1)</script>\x1b[0m');
  assert.not.match(coloured, /<script/);
  assert.is(parse(coloured).textContent, '<script>alert(1)</script>');
});

AnsiToHtml('strips OSC 8 links (javascript: too), cursor moves and titles, keeps their text', () => {
  const out = ansiToHtml((outputOf(1) as StreamOutput).text);
  const dom = parse(out);
  assert.is(dom.querySelectorAll('a').length, 0);
  assert.not.match(out, /javascript|window title|\x1b|\[2J|\[K/);
  assert.is(dom.textContent, 'click me and cursor moved <b>not bold</b> end\n');
});

AnsiToHtml('drops control characters that mean nothing in HTML', () => {
  assert.is(ansiToHtml('a\x00b\x07c\x7fd\te'), 'abcd\te');
  assert.is(ansiToHtml('\x1b[1ma\x00\x1b[0m'), '<span style="font-weight:bold">a</span>');
});

AnsiToHtml('colour state carries across parts, and not across calls', () => {
  const [a, b] = ansiToHtmlParts(['\x1b[32mgreen', 'still green\x1b[0m']);
  assert.is(a, '<span class="ansi-green-fg">green</span>');
  assert.is(b, '<span class="ansi-green-fg">still green</span>');
  ansiToHtml('\x1b[31munclosed');
  assert.is(ansiToHtml('plain\x1b[0m'), 'plain');
});

const Strip = suite('stripAnsi and stripControlChars');

Strip('stripAnsi removes every escape sequence', () => {
  assert.is(
    stripAnsi('\x1b[0;31mError\x1b[0m: \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b[2Kdone\x1b'),
    'Error: link done',
  );
  assert.is(stripAnsi('no escapes'), 'no escapes');
});

Strip('stripControlChars keeps tab, newline and CR, removes C0, DEL and non-XML characters', () => {
  assert.is(stripControlChars('a\tb\nc\rd\x00e\x08f\x1bg\x7fh\x0bi\x0cj'), 'a\tb\nc\rdefghij');
  assert.is(stripControlChars('ok \ud83d\ude00 lone \ud800 \udc00 \uffff end'), 'ok \ud83d\ude00 lone    end');
  assert.is(stripControlChars('ünïcödé € 中文'), 'ünïcödé € 中文');
});

const RenderError = suite('renderError');

RenderError('a real traceback: header, coloured traceback in <pre class="output-error">', () => {
  const out = renderError(outputOf(2) as ErrorOutput);
  const dom = JSDOM.fragment(out);
  assert.is(dom.querySelector('.error-header')?.textContent, 'ZeroDivisionError: division by zero');
  const pre = dom.querySelector('pre.output-error');
  assert.ok(pre);
  assert.match(pre.textContent ?? '', /----> 1 1\/0/);
  assert.ok(pre.querySelector('.ansi-red-fg'));
  assert.ok(pre.querySelector('span[style*="color:rgb(98,98,98)"]'), '256-colour grey of the code line');
});

RenderError('hostile name, value and traceback stay text', () => {
  const out = renderError({
    type: 'error',
    ename: '<img src=x onerror=alert(1)>',
    evalue: '"><script>alert(1)</script>',
    traceback: ['<script>x</script>'],
  });
  const dom = JSDOM.fragment(out);
  assert.is(dom.querySelectorAll('script, img').length, 0);
  assert.is(dom.querySelector('.error-name')?.textContent, '<img src=x onerror=alert(1)>');
});

RenderError('an empty traceback leaves the header only', () => {
  const out = renderError({ type: 'error', ename: 'KeyboardInterrupt', evalue: '', traceback: [] });
  assert.is(
    out,
    '<div class="error-output"><p class="error-header"><strong class="error-name">KeyboardInterrupt</strong></p></div>',
  );
});

AnsiToHtml.run();
Strip.run();
RenderError.run();
