import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NotebookPage, SiteModel } from '../site/model.js';
import { searchJsonOf } from './render-pass.js';
import { searchIndexBytes } from '../site/search-index.js';

// Text that JSON escapes, or that is outside Latin-1, or that UTF-8 cannot carry as it is.
const HOSTILE = [
  'plain words',
  'quote " backslash \\ slash / </script> <!--',
  'tab\tnewline\ncr\r nul\u0000 esc\u001b del\u007f',
  'line\u2028separator\u2029 bom\ufeff',
  '∑ ∥ y − x β ∥ 🚀 שלום 数学',
  'lone high \ud800 and lone low \udc00 end',
  '',
];

const decode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

test('searchJsonOf: the JSON string of the text, cut to the share, in UTF-8', () => {
  for (const text of HOSTILE) {
    assert.is(decode(searchJsonOf(text, 20_000)), JSON.stringify(text), text);
    assert.is(JSON.parse(decode(searchJsonOf(text, 20_000))), text, text);
  }
  assert.is(decode(searchJsonOf('abcdef', 3)), '"abc"');
  // A cut through a surrogate pair leaves no lone surrogate behind.
  assert.is(decode(searchJsonOf('a🚀b', 2)), '"a\ufffd"');
  // Its own memory, not a window on Buffer's shared pool.
  const small = searchJsonOf('tiny', 100);
  assert.is(small.buffer.byteLength, small.byteLength);
});

test('searchIndexBytes: byte for byte the JSON of the entries, whatever their text', () => {
  let n = 0;
  const page = (title: string, summary: string): NotebookPage =>
    ({ title, summary, pagePath: `b/p${n++}.html` }) as unknown as NotebookPage;
  const texts = new Map<NotebookPage, string>();
  const builds = [0, 1, 2].map((b) => ({
    title: HOSTILE[b + 1] as string,
    notebooks: HOSTILE.slice(b).map((text, i) => {
      const p = page(HOSTILE[(i + 2) % HOSTILE.length] as string, HOSTILE[(i + 4) % HOSTILE.length] as string);
      texts.set(p, text);
      return p;
    }),
  }));
  const site = { builds } as unknown as SiteModel;
  const bytes = searchIndexBytes(site, (nb) => searchJsonOf(texts.get(nb) as string, 20_000));
  const expected = JSON.stringify({
    version: 1,
    entries: builds.flatMap((b) =>
      b.notebooks.map((nb) => ({ t: nb.title, b: b.title, u: nb.pagePath, s: nb.summary, x: texts.get(nb) })),
    ),
  });
  assert.is(decode(bytes), expected);
  assert.equal(bytes, Buffer.from(expected, 'utf8'));
  assert.is(decode(searchIndexBytes({ builds: [] }, () => new Uint8Array())), '{"version":1,"entries":[]}');
  assert.is(
    decode(
      searchIndexBytes(
        { builds: [{ title: 'x', notebooks: [] }, ...builds.slice(0, 1)] } as unknown as SiteModel,
        (nb) => searchJsonOf(texts.get(nb) as string, 20_000),
      ),
    ).startsWith('{"version":1,"entries":[{"t":'),
    true,
  );
});

test.run();
