import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { formatBytes } from '../util/bytes.js';
import { formatStaticSize, measureStaticAssets } from './asset-size.js';

const THEME = join(import.meta.dirname, '../../templates/static');
const read = (name: string) => readFileSync(join(THEME, name));

const measuring = suite('measureStaticAssets');

measuring('sums CSS and JS of the output, gzip included, and leaves out the serve-only script', () => {
  const css = read('style.css');
  const js = read('site.js');
  const files = [
    { path: '_static/style.css', content: css },
    { path: '_static/katex/katex.min.css', content: 'a{b:c}' },
    { path: '_static/site.js', content: js },
    { path: '_static/live-reload.js', content: read('live-reload.js') },
    { path: 'index.html', content: '<!DOCTYPE html>' },
    { path: '_static/favicon.svg', content: read('favicon.svg') },
  ];
  const size = measureStaticAssets(files);
  assert.equal(size.css.files, 2);
  assert.is(size.css.bytes, css.length + 6);
  assert.equal(size.js, { files: 1, bytes: js.length, gzipBytes: gzipSync(js, { level: 9 }).length });
  assert.ok(size.css.gzipBytes < size.css.bytes);
  assert.is(gunzipSync(gzipSync(js, { level: 9 })).length, js.length);
  assert.equal(measureStaticAssets(files, []).js.files, 2);
});

measuring('the theme stays small: our CSS and JS under 12 kB gzipped together', () => {
  const size = measureStaticAssets([
    { path: 'style.css', content: read('style.css') },
    { path: 'site.js', content: read('site.js') },
  ]);
  assert.ok(size.css.gzipBytes + size.js.gzipBytes < 12_000, formatStaticSize(size));
});

measuring.run();

const formatting = suite('formatStaticSize');

formatting('decimal kilobytes with one decimal, bytes below 1 kB', () => {
  assert.is(formatBytes(512), '512 B');
  assert.is(formatBytes(34_149), '34.1 kB');
  assert.is(formatBytes(2_406_638), '2.4 MB');
  const line = formatStaticSize({
    css: { files: 2, bytes: 34_149, gzipBytes: 9_800 },
    js: { files: 1, bytes: 4_400, gzipBytes: 1_700 },
  });
  assert.is(line, 'CSS 34.1 kB (9.8 kB gzip) · JS 4.4 kB (1.7 kB gzip)');
});

formatting.run();
