import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SiteModel } from './model.js';
import { buildSearchIndex, htmlToText, searchShare } from './search-index.js';

test('htmlToText: visible text only, entities decoded, whitespace collapsed', () => {
  const text = htmlToText(
    '<h1 id="a">Fit &amp; plot</h1>\n<script>alert(1)</script><style>p{}</style><p>x &lt; y<span class="katex-mathml"><math>TEX</math></span></p>',
  );
  assert.is(text, 'Fit & plot x < y');
});

test('buildSearchIndex: tags, headings and text, lowercased, cut at 20,000 characters', () => {
  const page = {
    title: 'T',
    pagePath: 'a/b.html',
    summary: 'S',
    tags: ['Stats'],
    headings: [{ level: 2, text: 'Intro', id: 'intro' }],
    html: `<p>Hello ${'word '.repeat(5000)}</p>`,
  };
  const index = JSON.parse(
    buildSearchIndex({
      builds: [
        {
          title: 'B',
          notebooks: [page as unknown as SiteModel['builds'][number]['notebooks'][number] & { html: string }],
        },
      ],
    }),
  ) as { entries: { x: string; u: string }[] };
  assert.is(index.entries[0]?.u, 'a/b.html');
  assert.ok(index.entries[0]?.x.startsWith('stats intro hello word'));
  assert.is(index.entries[0]?.x.length, 20_000);
});

test('searchShare: small sites keep 20,000 characters a page; large ones share 8 million, at least 1,000 each', () => {
  assert.is(searchShare(1), 20_000);
  assert.is(searchShare(400), 20_000);
  assert.is(searchShare(1_000), 8_000);
  assert.is(searchShare(8_000), 1_000);
  assert.is(searchShare(100_000), 1_000);
  for (const pages of [401, 660, 1_000, 2_500, 7_999])
    assert.ok(pages * searchShare(pages) <= 8_000_000, `${pages} pages stay within the budget`);
  for (let pages = 1; pages < 20_000; pages += 97)
    assert.ok(searchShare(pages + 97) <= searchShare(pages), 'never grows with the site');
});

test.run();
