import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { DiagramImage } from '../render/types.js';
import { collectDiagrams } from './collect.js';
import type { DiagramSource } from './collect.js';
import { loadNotebook } from '../../test/support/load-notebook.js';
import { openCache } from '../io/cache.js';
import { drawDiagrams } from './stage.js';
import type { DrawItem, DrawResult } from './stage.js';
import { withChromium } from '../../test/support/env.js';

const dir = mkdtempSync(join(tmpdir(), 'bp-'));
const cacheDir = join(dir, 'cache');
const items: DrawItem[] = [
  { branch: 'main', path: 'lessons/diagrams.ipynb', notebook: loadNotebook('diagrams/diagrams.ipynb') },
  { branch: 'course/intro', path: 'diagrams.ipynb', notebook: loadNotebook('diagrams/diagrams.ipynb') },
  { branch: 'main', path: 'altair.ipynb', notebook: loadNotebook('diagrams/altair.ipynb') },
  { branch: 'main', path: 'broken.ipynb', notebook: loadNotebook('diagrams/broken.ipynb') },
  { branch: 'main', path: 'hostile.ipynb', notebook: loadNotebook('diagrams/hostile.ipynb') },
];
const all = (name: string): DiagramSource[] => collectDiagrams(loadNotebook(name));
const good = all('diagrams/diagrams.ipynb');
let first: DrawResult;

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const svgOf = (image: DiagramImage): string => text(image.assets.find((a) => a.name === image.svg)!.bytes);
const pngOf = (image: DiagramImage): Uint8Array => image.assets.find((a) => a.name === image.png)!.bytes;
const labels = (svg: string): string =>
  svg
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('drawDiagrams: every kind drawn once per distinct source, across notebooks and branches', async () => {
  const logs: string[] = [];
  first = await drawDiagrams(items, { cacheDir, log: (m) => logs.push(m) });
  const distinct = new Set([...items.flatMap((i) => collectDiagrams(i.notebook))].map((d) => `${d.kind}\n${d.source}`));
  assert.is(distinct.size, 9 + 2 + 5 + 2, 'the fixtures hold 18 distinct diagrams (one flowchart repeats)');
  assert.is(first.stats.drawn, distinct.size);
  assert.is(first.stats.cached, 0);
  assert.equal(Object.fromEntries(Object.entries(first.stats.byKind).map(([k, v]) => [k, v.count])), {
    mermaid: 6,
    graphviz: 4,
    'vega-lite': 6,
    vega: 2,
  });
  assert.ok(first.stats.browserMs > 0, 'the browser was started');
  assert.equal(logs, ['diagrams: 18 distinct, 18 drawn, 0 from cache']);
});

test('drawDiagrams: SVG assets carry the labels; PNG twins read back at twice the size', async () => {
  const expected: Record<number, string[]> = {
    0: ['Draft notebook', 'Reviewed?', 'Publish site'],
    1: ['Alice', 'Hello Bob', 'Hi Alice'],
    2: ['parse', 'render', 'publish'],
    3: ['January', 'February', 'March'],
    4: ['Alpha', 'Beta', 'Gamma'],
    5: ['Apples', 'Pears', 'Plums'],
    6: ['Kernel', 'Output'],
    7: ['notebooks', 'feeds'],
  };
  for (const [index, words] of Object.entries(expected)) {
    const d = good[Number(index)]!;
    const result = first.lookup.get(d.kind, d.source);
    assert.ok(result?.ok, `${d.kind} #${index}: ${JSON.stringify(result)}`);
    const svg = svgOf(result.image);
    for (const word of words) assert.ok(labels(svg).includes(word), `${d.kind} #${index} lacks ${word}`);
    const root = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
    assert.ok(
      root.includes(` width="${result.image.width}"`) && root.includes(` height="${result.image.height}"`),
      root,
    );
    const meta = await sharp(pngOf(result.image)).metadata();
    assert.equal(
      [meta.format, meta.width, meta.height],
      ['png', result.image.width * 2, result.image.height * 2],
      `${d.kind} #${index}`,
    );
    assert.match(result.image.svg, /^[0-9a-f]{16}\.svg$/);
    assert.match(result.image.png, /^[0-9a-f]{16}\.png$/);
  }
  assert.is(first.lookup.get('mermaid', 'graph TD\n  never drawn'), undefined);
});

test('drawDiagrams: a broken diagram of each kind → {ok:false} and a diagnostic per place it appears', () => {
  const broken = all('diagrams/broken.ipynb');
  const errors = broken.map((d) => first.lookup.get(d.kind, d.source));
  assert.ok(
    errors.every((r) => r && !r.ok),
    JSON.stringify(errors),
  );
  const messages = errors.map((r) => (r && !r.ok ? r.error : ''));
  assert.match(messages[0]!, /^Parse error on line 3:/);
  assert.is(messages[1], "syntax error in line 1 near '}'");
  assert.match(messages[2]!, /^not valid JSON: /);
  assert.is(messages[3], 'Undefined data set name: "missing"');
  assert.is(
    messages[4],
    'Vega spec loads data from a URL (https://example.com/cars.json); build time has no network: inline the data (`values`)',
  );
  const invalid = first.diagnostics.filter((d) => d.rule === 'diagram-invalid');
  assert.equal(
    invalid.map((d) => [d.branch, d.path, d.cell, d.severity]),
    [
      ['main', 'altair.ipynb', 2, 'warning'],
      ['main', 'broken.ipynb', 0, 'warning'],
      ['main', 'broken.ipynb', 1, 'warning'],
      ['main', 'broken.ipynb', 2, 'warning'],
      ['main', 'broken.ipynb', 3, 'warning'],
      ['main', 'broken.ipynb', 4, 'warning'],
    ],
  );
  assert.is(invalid[2]!.message, "Graphviz diagram could not be drawn: syntax error in line 1 near '}'");
  assert.not.ok(first.diagnostics.some((d) => d.rule === 'diagram-no-browser'));
});

test('drawDiagrams: hostile diagrams come out with no script, handlers or outside links', () => {
  for (const d of all('diagrams/hostile.ipynb')) {
    const result = first.lookup.get(d.kind, d.source);
    assert.ok(result?.ok, JSON.stringify(result));
    const svg = svgOf(result.image);
    assert.not.match(svg, /<script|<foreignObject|<img|<iframe/i);
    assert.not.match(svg, /\son[a-z]+\s*=/i);
    assert.not.match(svg, /javascript:|evil\.example|file:|\/etc\//i);
  }
});

test('drawDiagrams: a second run with the same cacheDir draws nothing (not even a browser)', async () => {
  const second = await withChromium('/nonexistent/chromium', () => drawDiagrams(items, { cacheDir }));
  assert.is(second.stats.drawn, 0);
  assert.is(second.stats.cached, 18);
  assert.is(second.stats.browserMs, 0);
  assert.equal(second.diagnostics, first.diagnostics);
  for (const d of [...good, ...all('diagrams/broken.ipynb')])
    assert.equal(second.lookup.get(d.kind, d.source), first.lookup.get(d.kind, d.source));
});

test('drawDiagrams: a corrupt cache entry is ignored, drawn again and rewritten', async () => {
  const files = readdirSync(cacheDir, { recursive: true })
    .map(String)
    .filter((f) => /[0-9a-f]{64}$/.test(f));
  const dot = files.find((f) => readFileSync(join(cacheDir, f), 'latin1').includes('publish'))!;
  const bytes = readFileSync(join(cacheDir, dot));
  writeFileSync(join(cacheDir, dot), bytes.subarray(0, bytes.byteLength - 10));
  const third = await drawDiagrams(items, { cacheDir });
  assert.equal([third.stats.drawn, third.stats.cached], [1, 17]);
  assert.equal(third.stats.byKind, { graphviz: { count: 1, ms: third.stats.byKind.graphviz!.ms } });
  assert.equal(third.lookup.get(good[2]!.kind, good[2]!.source), first.lookup.get(good[2]!.kind, good[2]!.source));
  const fourth = await drawDiagrams(items, { cacheDir });
  assert.is(fourth.stats.drawn, 0, 'rewritten');
});

test('drawDiagrams: a tampered (but well-formed) cache entry is sanitized again on the way out', async () => {
  const files = readdirSync(cacheDir, { recursive: true })
    .map(String)
    .filter((f) => /[0-9a-f]{64}$/.test(f));
  const file = files.find((f) => readFileSync(join(cacheDir, f), 'latin1').includes('publish'))!;
  const cache = await openCache(cacheDir);
  const key = file.split(/[\\/]/).pop()!;
  const stored = JSON.parse(text((await cache.get(key))!)) as { svg: string };
  stored.svg = stored.svg.replace(
    '</svg>',
    '<script>alert(1)</script><a href="javascript:alert(2)"><text>x</text></a></svg>',
  );
  await cache.set(key, new TextEncoder().encode(JSON.stringify(stored)));
  const run = await drawDiagrams(items.slice(0, 1), { cacheDir });
  assert.is(run.stats.drawn, 0);
  const result = run.lookup.get(good[2]!.kind, good[2]!.source);
  assert.ok(result?.ok);
  assert.not.match(svgOf(result.image), /<script|javascript:/);
  assert.match(svgOf(result.image), /publish/);
});

test('drawDiagrams: no browser → mermaid shown as source with ONE warning; other kinds still drawn, identically', async () => {
  const result = await withChromium('/nonexistent/chromium', () => drawDiagrams(items.slice(0, 3)));
  for (const d of good) {
    const r = result.lookup.get(d.kind, d.source);
    if (d.kind === 'mermaid') assert.is(r, undefined);
    else assert.equal(r, first.lookup.get(d.kind, d.source), `${d.kind} is byte-identical without the cache`);
  }
  const warnings = result.diagnostics.filter((d) => d.rule === 'diagram-no-browser');
  assert.is(warnings.length, 1);
  assert.equal(
    { ...warnings[0], message: '' },
    {
      rule: 'diagram-no-browser',
      severity: 'warning',
      branch: '',
      path: '',
      message: '',
      hint: "install Debian's chromium (`apt-get install chromium`) or set BINDERPRESS_CHROMIUM",
    },
  );
  assert.match(
    warnings[0]!.message,
    /^mermaid diagrams, Plotly charts, Bokeh plots and pictures of widgets are not drawn/,
  );
  assert.match(
    warnings[0]!.message,
    /no Chromium at \/nonexistent\/chromium.*install Debian's chromium \(`apt-get install chromium`\) or set BINDERPRESS_CHROMIUM/,
  );
  assert.is(result.stats.byKind.mermaid, undefined);
});

test('drawDiagrams: no browser → Bokeh plots are not drawn, with the one warning that names them', async () => {
  const bokeh: DrawItem = {
    branch: 'main',
    path: 'ticts.ipynb',
    notebook: loadNotebook('interactive/bokeh-ticts.ipynb'),
  };
  const result = await withChromium('/nonexistent/chromium', () => drawDiagrams([bokeh]));
  const sources = collectDiagrams(bokeh.notebook);
  assert.equal(
    sources.map((d) => d.kind),
    ['bokeh', 'bokeh'],
  );
  for (const d of sources) assert.is(result.lookup.get(d.kind, d.source), undefined);
  assert.equal(
    result.diagnostics.map((d) => d.rule),
    ['diagram-no-browser'],
  );
  assert.match(result.diagnostics[0]!.message, /Bokeh plots/);
});

test('drawDiagrams: notebooks without diagrams cost nothing', async () => {
  const none = await drawDiagrams(
    [{ branch: 'main', path: 'inline-image.ipynb', notebook: loadNotebook('real/nbclient-inline-image.ipynb') }],
    { cacheDir: join(dir, 'unused') },
  );
  assert.equal(none.stats, { drawn: 0, cached: 0, byKind: {}, browserMs: 0, workerMs: 0 });
  assert.equal(none.diagnostics, []);
  assert.not.ok(readdirSync(dir).includes('unused'), 'no cache folder made');
});

test.run();
