import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { headingSpan, titleHeading, titleHeadingId } from './site-model.js';

const headings = [{ level: 1, text: 'Café ≥ 2 ✓', id: 'café-≥-2-✓' }, { level: 2, text: 'Next', id: 'next' }];
const html = '<p>Intro: π ≈ 3.14 😀</p><h1 id="café-≥-2-✓">Café ≥ 2 ✓<a href="#café-≥-2-✓">¶</a></h1><p>Text ✓</p><h2 id="next">Next</h2>';

test('titleHeading: the opening heading that repeats the title is dropped, its id kept', () => {
  const { html: body, titleId } = titleHeading(html, headings, 'Café ≥ 2 ✓');
  assert.is(titleId, 'café-≥-2-✓');
  assert.is(body, '<p>Intro: π ≈ 3.14 😀</p><p>Text ✓</p><h2 id="next">Next</h2>');
  assert.equal(titleHeading(html, headings, 'Another title'), { html });
  assert.is(titleHeadingId([{ level: 2, text: 'Café ≥ 2 ✓', id: 'x' }], 'Café ≥ 2 ✓'), undefined);
});

test('headingSpan: byte offsets in the UTF-8 bytes cut the same HTML as string offsets', () => {
  const bytes = Buffer.from(html, 'utf8');
  const [s0, s1] = headingSpan(html, 'café-≥-2-✓')!;
  const [b0, b1] = headingSpan(bytes, 'café-≥-2-✓')!;
  assert.ok(b0 > s0, 'multi-byte characters come before the heading, so byte offsets are larger');
  const fromBytes = Buffer.concat([bytes.subarray(0, b0), bytes.subarray(b1)]).toString('utf8');
  assert.is(fromBytes, html.slice(0, s0) + html.slice(s1));
  assert.is(headingSpan(bytes, 'missing'), undefined);
  assert.is(headingSpan('<h1 id="open">never closed', 'open'), undefined);
});

test.run();
