import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Output, StreamOutput } from '../types.js';
import { parseFixture } from '../../test/support/render-fixtures.js';
import { applyTerminal, mergeStreams, renderPreText, streamText } from './streams.js';

/** A (merged) stream output's `<pre>`, as a cell's outputs show it. */
function renderStream(output: StreamOutput, collapseLines: number): string {
  const { text, className } = streamText(output);
  return renderPreText(text, className, collapseLines);
}

const nb = parseFixture(
  readFileSync(new URL('../../test/fixtures/render/streams.ipynb', import.meta.url)),
  'streams.ipynb',
).nb;
const outputsOf = (cell: number): readonly Output[] => {
  const c = nb.cells[cell];
  if (c?.type !== 'code') throw new Error(`cell ${cell} is not code`);
  return c.outputs;
};
const streamsOf = (cell: number) => mergeStreams(outputsOf(cell)) as StreamOutput[];

const Merge = suite('mergeStreams');

Merge('consecutive outputs of one stream merge; a different stream or type breaks the run', () => {
  const tqdm = streamsOf(1);
  assert.equal(
    tqdm.map((o) => o.name),
    ['stderr', 'stdout'],
  );
  assert.is(tqdm[0]?.text.split('\r').length, 5);
  const interleaved = streamsOf(3);
  assert.equal(
    interleaved.map((o) => [o.name, o.text]),
    [
      ['stdout', 'out 1\n'],
      ['stderr', 'err 1\n'],
      ['stdout', 'out 2\nout 3\n'],
    ],
  );
  const mixed: Output[] = [
    { type: 'stream', name: 'stdout', text: 'a' },
    { type: 'display_data', data: { 'text/plain': 'x' }, metadata: {} },
    { type: 'stream', name: 'stdout', text: 'b' },
  ];
  assert.is(mergeStreams(mixed).length, 3);
});

const Terminal = suite('applyTerminal');

Terminal('a tqdm progress bar collapses to its last state', () => {
  const [bar, done] = streamsOf(1);
  assert.is(applyTerminal(bar?.text ?? ''), '100%|██████████| 3/3 [00:00<00:00,  9.97it/s]\n');
  assert.is(applyTerminal(done?.text ?? ''), 'done\n');
});

Terminal('\\r overwrites from the line start, \\b deletes a character, \\r\\n is a newline', () => {
  assert.is(applyTerminal(streamsOf(2)[0]?.text ?? ''), 'aX\nJello\n');
  assert.is(applyTerminal('a\r\nb\r\r\nc'), 'a\nb\nc');
  assert.is(applyTerminal('\b\bx'), 'x');
  assert.is(applyTerminal('progress 50%\r'), 'progress 50%');
});

Terminal('every character keeps the colour it was written with', () => {
  assert.is(applyTerminal('old text\r\x1b[32mnew\x1b[0m'), '\x1b[32mnew\x1b[0m text');
  assert.is(applyTerminal('\x1b[31mred text\r\x1b[1mBO'), '\x1b[31m\x1b[1mBO\x1b[0m\x1b[31md text\x1b[1m');
  // colour set on an earlier line carries into the rewritten line and past it
  assert.is(applyTerminal('\x1b[34mblue\nxx\ryy\nafter\x1b[0m'), '\x1b[34mblue\nyy\nafter\x1b[0m');
  assert.is(applyTerminal('a\x1b[2K\x1b[1Ab\rc'), 'cb');
});

Terminal('is fast on a long progress log', () => {
  const text = `${Array.from({ length: 5000 }, (_, i) => `\r${String(i).padStart(5)}|${'#'.repeat(i % 50)}`).join('')}\n`;
  const t0 = performance.now();
  const out = applyTerminal(text);
  assert.ok(performance.now() - t0 < 500);
  assert.is(out, ` 4999|${'#'.repeat(49)}\n`);
});

const Render = suite('renderStream and renderPreText');

Render('stdout and stderr are styled apart', () => {
  const [out, err] = streamsOf(3);
  assert.is(renderStream(out as StreamOutput, 80), '<pre class="output-stream stdout">out 1\n</pre>');
  assert.is(renderStream(err as StreamOutput, 80), '<pre class="output-stream stderr">err 1\n</pre>');
});

Render('long output: first 20 lines visible, the rest behind "Show all N lines", nothing dropped', () => {
  const html = renderStream(streamsOf(4)[0] as StreamOutput, 80);
  const dom = JSDOM.fragment(html);
  const pres = dom.querySelectorAll('pre.output-stream.stdout');
  assert.is(pres.length, 2);
  assert.is(pres[0]?.parentElement, null);
  assert.is(pres[0]?.textContent?.split('\n').length, 20);
  assert.is(dom.querySelector('details.collapsed-output > summary')?.textContent, 'Show all 200 lines');
  const all = `${pres[0]?.textContent ?? ''}\n${pres[1]?.textContent ?? ''}`;
  assert.is(all, Array.from({ length: 200 }, (_, i) => `line ${i + 1}\n`).join(''));
});

Render('at the limit nothing is collapsed; a small limit shows fewer head lines', () => {
  const text = Array.from({ length: 80 }, (_, i) => `${i}\n`).join('');
  assert.not.match(renderPreText(text, 'output-text', 80), /<details/);
  const small = JSDOM.fragment(renderPreText(text, 'output-text', 5));
  assert.is(small.querySelector('pre')?.textContent, '0\n1\n2\n3\n4');
  assert.is(small.querySelector('summary')?.textContent, 'Show all 80 lines');
});

Render('a leading blank line survives HTML parsing', () => {
  const html = renderStream(streamsOf(5)[0] as StreamOutput, 80);
  const dom = new JSDOM(`<body>${html}</body>`);
  assert.is(dom.window.document.querySelector('pre')?.textContent, '\nafter blank\n');
});

Render('colour spanning the fold is kept on both sides; text is escaped', () => {
  const text = `\x1b[31m${Array.from({ length: 30 }, (_, i) => `<${i}>`).join('\n')}\x1b[0m\n`;
  const dom = JSDOM.fragment(renderPreText(text, 'output-text', 25));
  const [head, rest] = [...dom.querySelectorAll('pre')];
  assert.ok(head?.querySelector('.ansi-red-fg'));
  assert.ok(rest?.querySelector('.ansi-red-fg'));
  assert.match(rest?.textContent ?? '', /<29>/);
  assert.is(dom.querySelectorAll('pre *:not(span)').length, 0);
});

Terminal('200,000 backspaces into the middle of a line are applied in linear time', () => {
  // Each backspace deleted from the middle of one array: 40,000 took 10 s.
  const line = `${'x'.repeat(400_000)}\r${'y'.repeat(200_000)}${'\b'.repeat(200_000)}z`;
  assert.is(applyTerminal(line), `z${'x'.repeat(199_999)}`);
  assert.is(applyTerminal('abc\rX\bY'), 'Yc');
});

Terminal('a colour set before every character keeps the state short', () => {
  // The colour state grew by one sequence per character: 20,000 took 32 s.
  const out = applyTerminal(`\b${'\x1b[31ma\x1b[32mb'.repeat(50_000)}`);
  assert.ok(out.startsWith('\x1b[31ma\x1b[32mb\x1b[31ma'));
  assert.is(out.replace(/\x1b\[[0-9;]*m/g, ''), 'ab'.repeat(50_000));
});

Merge.run();
Terminal.run();
Render.run();
