// The demo's diagrams build end to end: pictures on the page (SVG) and in feeds (PNG), never
// their source, files that sharp reads back at the size the page states, and a second build
// with the same cache that draws nothing. Mermaid runs in Debian's chromium.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JSDOM } from 'jsdom';
import sharp from 'sharp';
import { makeTempDir } from '../support/git-repo.js';

const ROOT = resolve('.');
const BIN = join(ROOT, 'bin/binderpress.js');
let work: string;
let repo: string;
let out: string;
let firstLog = '';

/** Lines of each diagram's source that must never show where its picture should be. */
const SOURCES = ['Write[Write notebook] --> Commit', 'source -> notebook -> rendered', '"mark": "bar"'];

function build(target: string): { status: number | null; stderr: string } {
  return spawnSync(
    process.execPath,
    [
      BIN,
      'build',
      '--repo',
      repo,
      '--out',
      target,
      '--branches',
      'diagrams',
      '--cache',
      join(work, 'cache'),
      '--site-url',
      'https://example.org/demo/',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    },
  );
}

test.before(async () => {
  work = makeTempDir('bp-diagrams-');
  const { makeDemoRepo } = (await import(join(ROOT, 'scripts/make-demo-repo.js'))) as {
    makeDemoRepo: (t: string) => { repo: string };
  };
  repo = makeDemoRepo(join(work, 'repo')).repo;
  out = join(work, 'site');
  const r = build(out);
  assert.is(r.status, 0, r.stderr);
  firstLog = r.stderr;
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test('every diagram of the demo is a picture on the page, with SVG and PNG files of the stated size', async () => {
  const page = join(out, 'diagrams', '01-diagrams.html');
  const html = readFileSync(page, 'utf8');
  for (const line of SOURCES) assert.not.ok(html.includes(line), `page shows source: ${line}`);
  const figures = [...new JSDOM(html).window.document.querySelectorAll('figure.diagram img')];
  assert.is(figures.length, 4, 'mermaid flowchart, graphviz, vega-lite and the mermaid output');
  for (const img of figures) {
    const svgPath = join(out, 'diagrams', img.getAttribute('src') ?? '');
    const pngPath = join(out, 'diagrams', img.getAttribute('data-png') ?? '');
    const svg = readFileSync(svgPath, 'utf8');
    assert.match(svg, /^<svg[\s>]/);
    assert.not.match(svg, /<script|\son\w+=/i);
    const width = Number(img.getAttribute('width'));
    const meta = await sharp(readFileSync(pngPath)).metadata();
    assert.is(meta.format, 'png');
    assert.is(meta.width, width * 2, `${pngPath} drawn at twice the page size`);
  }
  // the mermaid output of the code cell is a picture too, not its text
  const outputCell = [...new JSDOM(html).window.document.querySelectorAll('section.cell-code')].at(-1);
  assert.ok(outputCell?.querySelector('figure.diagram img'), 'the text/vnd.mermaid output is drawn');
  assert.not.ok(
    [...(outputCell?.querySelectorAll('pre') ?? [])].some((pre) => pre.textContent?.startsWith('sequenceDiagram')),
    'no source shown as output',
  );
  // labels of the sources are in the drawings
  // (text content: mermaid splits labels into one tspan per word)
  const svgs = figures
    .map((img) =>
      readFileSync(join(out, 'diagrams', img.getAttribute('src') ?? ''), 'utf8')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' '),
    )
    .join('\n');
  for (const label of ['Write notebook', 'Run this in Binder', 'rendered', 'Statistics', 'Reader'])
    assert.ok(svgs.includes(label), `label ${label}`);
});

test('feed content holds the PNG copies, never SVG or the source', () => {
  for (const name of ['atom.xml', 'feed.xml', 'feed.json']) {
    const feed = readFileSync(join(out, 'diagrams', name), 'utf8');
    for (const line of SOURCES)
      assert.not.ok(
        feed.includes(line.replace(/"/g, name === 'feed.json' ? '\\"' : '&quot;')) || feed.includes(line),
        `${name} shows source: ${line}`,
      );
    const pngs = feed.match(/https:\/\/example\.org\/demo\/diagrams\/_assets\/[0-9a-f]{16}\.png/g) ?? [];
    assert.ok(new Set(pngs).size >= 4, `${name} has the four PNGs (${pngs.length})`);
    assert.not.match(feed, /_assets\/[0-9a-f]{16}\.svg/, `${name} links no SVG`);
  }
});

test('a rebuild with the same cache draws nothing again', () => {
  assert.match(firstLog, /diagrams: 4 distinct, 4 drawn, 0 from cache/);
  const r = build(join(work, 'again'));
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /0 rendered, 1 from cache/);
  assert.not.match(r.stderr, /[1-9]\d* drawn/, 'no diagram drawn again');
  assert.is(
    readFileSync(join(work, 'again', 'diagrams', '01-diagrams.html'), 'utf8'),
    readFileSync(join(out, 'diagrams', '01-diagrams.html'), 'utf8'),
  );
});

test.run();
