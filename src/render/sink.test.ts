import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assetHash, createSink, extensionFor } from './sink.js';

const Sink = suite('createSink');

Sink('names assets by sha256 (16 hex) and the extension of their MIME type', () => {
  const sink = createSink('main', 'a/b.ipynb');
  const bytes = new TextEncoder().encode('<svg/>');
  const name = sink.addAsset(bytes, 'image/svg+xml');
  const hex = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  assert.is(name, `${hex}.svg`);
  assert.is(assetHash(bytes), hex);
  assert.equal(sink.assets(), [{ name, mime: 'image/svg+xml', bytes }]);
});

Sink('deduplicates identical bytes, keeps first-added order', () => {
  const sink = createSink('main', 'x.ipynb');
  const a = sink.addAsset(new Uint8Array([1, 2, 3]), 'image/png');
  const b = sink.addAsset(new Uint8Array([4, 5]), 'image/jpeg');
  const again = sink.addAsset(new Uint8Array([1, 2, 3]), 'image/png');
  assert.is(again, a);
  assert.ok(b.endsWith('.jpg'));
  assert.equal(
    sink.assets().map((x) => x.name),
    [a, b],
  );
});

Sink('reports diagnostics with branch and path filled in', () => {
  const sink = createSink('course/intro', 'lessons/01.ipynb');
  sink.report({ rule: 'output-image-invalid', severity: 'warning', cell: 3, message: 'bad' });
  assert.equal(sink.diagnostics(), [
    {
      rule: 'output-image-invalid',
      severity: 'warning',
      cell: 3,
      message: 'bad',
      branch: 'course/intro',
      path: 'lessons/01.ipynb',
    },
  ]);
});

const Ext = suite('extensionFor');

Ext('maps image and data types; unknown types get bin', () => {
  assert.equal(
    ['image/png', 'IMAGE/JPEG', 'image/gif', 'image/webp', 'image/svg+xml', 'application/x-evil'].map(extensionFor),
    ['png', 'jpg', 'gif', 'webp', 'svg', 'bin'],
  );
});

Sink.run();
Ext.run();
