import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from '../test-support/git-repo.js';
import { createPreviewHandler, createReloadHub, injectReloadScript, resolveRequestPath, SCRIPT_PATH } from './serve-http.js';

const TAG = `<script src="${SCRIPT_PATH}" defer></script>`;

test('injectReloadScript: before the last </body>, or at the end', () => {
  assert.is(injectReloadScript('<p>a</p></BODY></html>'), `<p>a</p>${TAG}\n</BODY></html>`);
  assert.is(injectReloadScript('<pre>&lt;/body&gt;</pre><p></body>x</body>'), `<pre>&lt;/body&gt;</pre><p></body>x${TAG}\n</body>`);
  assert.is(injectReloadScript('<p>fragment'), `<p>fragment${TAG}\n`);
});

test('resolveRequestPath: decoded segments inside the root; dots, slashes and bad escapes refused', () => {
  const root = makeTempDir();
  try {
    mkdirSync(join(root, 'a b'));
    writeFileSync(join(root, 'a b', 'c.html'), 'x');
    assert.equal(resolveRequestPath(root, '/a%20b/c.html'), { file: join(root, 'a b', 'c.html'), dir: false });
    assert.equal(resolveRequestPath(root, '/a%20b/'), { file: join(root, 'a b'), dir: true });
    assert.equal(resolveRequestPath(root, '/'), { file: root, dir: true });
    assert.is(resolveRequestPath(root, '/nope.html'), 'missing');
    for (const bad of ['/../x', '/a/./b', '/%2e%2e/x', '/a%2fb', '/a%5cb', '/a%00', '/%E0%A4%A']) assert.is(resolveRequestPath(root, bad), 'bad', bad);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('createReloadHub: every open stream gets each event; multi-line data stays one event', async () => {
  const root = makeTempDir();
  const hub = createReloadHub();
  const server = createServer(createPreviewHandler(root, hub, '// script'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/__binderpress/events`;
  try {
    const streams = await Promise.all([fetch(url), fetch(url)]);
    const readers = streams.map((s) => (s.body as ReadableStream<Uint8Array>).getReader());
    for (const r of readers) await r.read();
    assert.is(hub.size, 2);
    hub.send('build-error', 'line one\nline two');
    hub.close();
    for (const r of readers) {
      let text = '';
      for (let c = await r.read(); !c.done; c = await r.read()) text += new TextDecoder().decode(c.value);
      assert.is(text, 'event: build-error\ndata: line one\ndata: line two\n\n');
    }
    assert.is(hub.size, 0);
    const notFound = await fetch(new URL('/x.html', url));
    assert.is(notFound.status, 404, 'no 404.html in this site: plain text');
    assert.is(await notFound.text(), 'Not found\n');
    writeFileSync(join(root, '404.html'), '<html><body>Lost</body></html>');
    const custom = await fetch(new URL('/x.html', url));
    assert.is(custom.status, 404);
    assert.is(await custom.text(), `<html><body>Lost${TAG}\n</body></html>`);
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
