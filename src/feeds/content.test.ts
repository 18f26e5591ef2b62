import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import { liveChartData } from '../render/live-charts.js';
import { absolutizeHtml, itemContentHtml, runThisHtml } from './content.js';
import type { FeedItem } from './types.js';

const BASE = 'https://ex.org/site/course%2Fintro/lessons/01.html';
const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/feeds/${name}`, import.meta.url), 'utf8');

/** Every URL attribute of the HTML, read by a real HTML parser. */
function urls(htmlText: string): { tag: string; attr: string; value: string }[] {
  const doc = new JSDOM(htmlText).window.document;
  const out: { tag: string; attr: string; value: string }[] = [];
  for (const node of doc.body.querySelectorAll('*')) {
    for (const attr of ['href', 'src', 'srcset', 'poster', 'data-png']) {
      const value = node.getAttribute(attr);
      if (value !== null) out.push({ tag: node.tagName.toLowerCase(), attr, value });
    }
  }
  return out;
}

const abs = suite('absolutizeHtml');

abs('relative, root-relative, parent and fragment links', () => {
  const out = absolutizeHtml(
    '<p><a href="02.html">n</a> <a href="/x">r</a> <a href="../img/a b.png">p</a> <a href="#sec-1">f</a> <a href="">e</a> <a href="?q=1&amp;r=2">q</a></p>',
    BASE,
  );
  assert.equal(
    urls(out).map((u) => u.value),
    [
      'https://ex.org/site/course%2Fintro/lessons/02.html',
      'https://ex.org/x',
      'https://ex.org/site/course%2Fintro/img/a%20b.png',
      `${BASE}#sec-1`,
      BASE,
      'https://ex.org/site/course%2Fintro/lessons/01.html?q=1&r=2',
    ],
  );
});

abs('absolute, data:, mailto: and protocol-relative URLs', () => {
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  const out = absolutizeHtml(
    `<img src="${png}" alt="d"><a href="mailto:a@b.org">m</a><a href="https://other.org/a?b=1&amp;c=2">o</a><img src="//cdn.ex.org/i.png">`,
    BASE,
  );
  assert.equal(
    urls(out).map((u) => u.value),
    [png, 'mailto:a@b.org', 'https://other.org/a?b=1&c=2', 'https://cdn.ex.org/i.png'],
  );
  assert.ok(out.startsWith(`<img src="${png}" alt="d">`), 'untouched tags are kept byte for byte');
});

abs('srcset (with a data: URL holding commas), poster, single and unquoted values', () => {
  const out = absolutizeHtml(
    `<img srcset="a.png 1x, b.png 2x,data:image/png;base64,AA,BB 3x" src='c.png' alt=x><video poster=v.jpg></video>`,
    BASE,
  );
  const found = urls(out);
  assert.is(found[0]?.value, 'https://ex.org/site/course%2Fintro/lessons/c.png');
  assert.equal(found[1], {
    tag: 'img',
    attr: 'srcset',
    value:
      'https://ex.org/site/course%2Fintro/lessons/a.png 1x, https://ex.org/site/course%2Fintro/lessons/b.png 2x, data:image/png;base64,AA,BB 3x',
  });
  assert.is(found[2]?.value, 'https://ex.org/site/course%2Fintro/lessons/v.jpg');
});

abs('<img data-png> switches to the PNG and drops SVG srcset', () => {
  const out = absolutizeHtml(
    '<img src="fig/d1.svg" srcset="fig/d1.svg 2x" data-png="fig/d1.png" alt="graph &gt; tree" width="300">',
    BASE,
  );
  assert.equal(urls(out), [
    { tag: 'img', attr: 'src', value: 'https://ex.org/site/course%2Fintro/lessons/fig/d1.png' },
  ]);
  const img = new JSDOM(out).window.document.querySelector('img');
  assert.is(img?.getAttribute('alt'), 'graph > tree');
  assert.is(img?.getAttribute('width'), '300');
});

abs('attribute values holding ">" and text that looks like markup', () => {
  const input = '<a title="a > b" href="x.html">t</a><pre>&lt;a href="y.html"&gt;</pre>';
  const out = absolutizeHtml(input, BASE);
  // A rewritten tag is re-serialized with every attribute value escaped.
  assert.is(
    out,
    '<a title="a &gt; b" href="https://ex.org/site/course%2Fintro/lessons/x.html">t</a><pre>&lt;a href="y.html"&gt;</pre>',
  );
});

abs('real notebook bodies: every relative URL resolved, nothing else changed', () => {
  for (const name of ['introducing-fastpages.html', 'linkcheck.html', 'inline-image.html']) {
    const input = fixture(name);
    const out = absolutizeHtml(input, BASE);
    const before = urls(input);
    const after = urls(out);
    assert.is(after.length, before.length, name);
    for (const [i, u] of after.entries()) {
      assert.match(u.value, /^(https:\/\/|data:image\/png;base64,|mailto:)/, `${name}: ${u.value}`);
      const original = before[i]?.value ?? '';
      assert.is(u.value, /^[a-z]+:/.test(original) ? original : new URL(original, BASE).href, name);
    }
    // Same text content: only attributes changed.
    const text = (h: string): string => new JSDOM(h).window.document.body.textContent ?? '';
    assert.is(text(out), text(input), name);
  }
  const fastpages = absolutizeHtml(fixture('introducing-fastpages.html'), BASE);
  assert.match(fastpages, `href="${BASE}#Jupyter-Notebooks-&amp;-Fastpages"`);
  const linkcheck = absolutizeHtml(fixture('linkcheck.html'), BASE);
  assert.match(linkcheck, 'src="https://ex.org/site/course%2Fintro/lessons/fastlinkcheck_images/fastlinkcheck.png"');
});

abs('tags without URL attributes stay byte for byte; any case and srcset are still found', () => {
  const tokens =
    '<pre class="shiki"><code><span class="line"><span style="color:#D73A49">import</span> <span data-x=\'a > b\'>x</span></span></code></pre>';
  assert.is(absolutizeHtml(tokens, BASE), tokens);
  const out = absolutizeHtml(
    '<IMG SRC="a.png" SrcSet="b.png 2x"><A HREF="c.html">c</A><video Poster="d.png"></video>',
    BASE,
  );
  assert.equal(
    urls(out).map((u) => u.value),
    [
      'https://ex.org/site/course%2Fintro/lessons/a.png',
      'https://ex.org/site/course%2Fintro/lessons/b.png 2x',
      'https://ex.org/site/course%2Fintro/lessons/c.html',
      'https://ex.org/site/course%2Fintro/lessons/d.png',
    ],
  );
});

abs.run();

const item = suite('itemContentHtml');

const ITEM: FeedItem = {
  id: 'https://ex.org/a.html',
  url: 'https://ex.org/dir/a.html',
  title: 'T',
  summary: 'Sum <b>not bold</b> & more',
  contentHtml: '<p><img src="x.svg" data-png="x.png" alt=""></p>',
  date: '2024-01-01T00:00:00Z',
  authors: [],
  categories: [],
  launchUrl: 'https://mybinder.org/v2/gh/o/r/a%2Fb?urlpath=lab%2Ftree%2Fa.ipynb&x="1"',
  badgeUrl: 'https://mybinder.org/badge_logo.svg',
};

item('Run-this line first, exactly as specified, values escaped', () => {
  const launch = 'https://mybinder.org/v2/gh/o/r/a%2Fb?urlpath=lab%2Ftree%2Fa.ipynb&amp;x=&quot;1&quot;';
  const expected = `<p><a href="${launch}"><img src="https://mybinder.org/badge_logo.svg" alt="Run this notebook in Binder"></a> <a href="${launch}">Run this notebook</a></p>`;
  assert.is(runThisHtml(ITEM.launchUrl, ITEM.badgeUrl), expected);
  const full = itemContentHtml(ITEM, 'full');
  assert.ok(full.startsWith(`${expected}\n`));
  assert.match(full, '<img src="https://ex.org/dir/x.png" alt="">');
});

item('full mode: every player is followed by a link to its cell on the page, cached copies too', () => {
  const page =
    '<section class="cell cell-markdown" id="cell-intro"><p>Listen:</p></section>' +
    '<section class="cell cell-code" id="cell-c01"><div class="output-html"><audio controls><source src="../_assets/ab.wav" type="audio/wav">Your browser does not support the audio element.</audio></div></section>' +
    '<section class="cell cell-code" id="cell-c02"><div class="output-html"><video controls src="../_assets/cd.webm"></video></div></section>';
  for (const contentKey of [undefined, 'players', 'players']) {
    const out = itemContentHtml({ ...ITEM, contentHtml: page, ...(contentKey ? { contentKey } : {}) }, 'full');
    assert.match(
      out,
      '</audio><p class="output-note"><a href="https://ex.org/dir/a.html#cell-c01">Play the audio on the page</a></p>',
    );
    assert.match(
      out,
      '</video><p class="output-note"><a href="https://ex.org/dir/a.html#cell-c02">Play the video on the page</a></p>',
    );
    assert.match(out, '<source src="https://ex.org/_assets/ab.wav" type="audio/wav">');
    assert.is(out.match(/Play the/g)?.length, 2);
  }
});

item('full mode: a live chart keeps its PNG and loses its data, cached copies too', () => {
  const page = `<figure class="diagram diagram-plotly"><img src="../_assets/c.svg" data-png="../_assets/c.png" alt="Plotly chart">${liveChartData('plotly', '{"layout":{"title":"</script><script>alert(1)</script>"}}')}</figure>`;
  for (const contentKey of [undefined, 'chart', 'chart']) {
    const out = itemContentHtml({ ...ITEM, contentHtml: page, ...(contentKey ? { contentKey } : {}) }, 'full');
    assert.match(
      out,
      '<figure class="diagram diagram-plotly"><img src="https://ex.org/_assets/c.png" alt="Plotly chart"></figure>',
    );
    assert.not.match(out, /<script|data-bp-live|alert/);
  }
});

item('summary mode: the summary as escaped text after the Run-this line', () => {
  const out = itemContentHtml(ITEM, 'summary');
  assert.match(out, /Run this notebook<\/a><\/p>\n<p>Sum &lt;b&gt;not bold&lt;\/b&gt; &amp; more<\/p>$/);
  assert.not.match(out, 'x.png');
});

item.run();
