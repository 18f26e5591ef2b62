import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from '../../test/support/git-repo.js';
import {
  createPreviewHandler,
  createReloadHub,
  injectReloadScript,
  resolveRequestPath,
  SCRIPT_PATH,
} from './serve-http.js';

const TAG = `<script src="${SCRIPT_PATH}" defer></script>`;

test('injectReloadScript: before the last </body>, or at the end', () => {
  assert.is(injectReloadScript('<p>a</p></BODY></html>'), `<p>a</p>${TAG}\n</BODY></html>`);
  assert.is(
    injectReloadScript('<pre>&lt;/body&gt;</pre><p></body>x</body>'),
    `<pre>&lt;/body&gt;</pre><p></body>x${TAG}\n</body>`,
  );
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
    for (const bad of ['/../x', '/a/./b', '/%2e%2e/x', '/a%2fb', '/a%5cb', '/a%00', '/%E0%A4%A'])
      assert.is(resolveRequestPath(root, bad), 'bad', bad);
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

test("createPreviewHandler: the 404 page's absolute links under the site URL's path are served from the root", async () => {
  // A project site (https://owner.github.io/course/) links its 404 page's stylesheet as
  // /course/_static/style.css, as the page is served for any missing URL; the preview serves the
  // site from /, so that path must still find the file.
  const root = makeTempDir();
  mkdirSync(join(root, '_static'));
  writeFileSync(join(root, '_static', 'style.css'), 'body{}');
  writeFileSync(
    join(root, '404.html'),
    '<html><body><link rel="stylesheet" href="/course/_static/style.css">Lost</body></html>',
  );
  writeFileSync(join(root, 'index.html'), '<html><body>Home</body></html>');
  const server = createServer(createPreviewHandler(root, createReloadHub(), '// script', '/course/'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const path of ['/_static/style.css', '/course/_static/style.css', '/course/_static/style.css?v=1']) {
      const r = await fetch(url + path);
      assert.is(r.status, 200, path);
      assert.is(await r.text(), 'body{}', path);
    }
    const home = await fetch(`${url}/course/`);
    assert.is(home.status, 200);
    assert.is(await home.text(), `<html><body>Home${TAG}\n</body></html>`);
    const lost = await fetch(`${url}/course/nope.html`);
    assert.is(lost.status, 404, 'still missing without the prefix: the 404 page');
    assert.match(await lost.text(), /Lost/);
    // (a raw request: fetch would resolve the dots before sending)
    const refused = await new Promise<number | undefined>((done) =>
      get(
        { host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/course/%2e%2e/_static/style.css' },
        (r) => done(r.resume().statusCode),
      ),
    );
    assert.is(refused, 400, 'what is refused stays refused');
    assert.is((await fetch(`${url}/other/_static/style.css`)).status, 404, "only the site URL's own path is stripped");
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

/** Sends `path` as written in a raw HTTP request (no client resolves or cleans it); the status and Location. */
function rawGet(port: number, path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    socket.on('data', (c) => (text += c.toString('latin1')));
    socket.on('error', fail);
    socket.on('end', () =>
      done({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]),
        location: /\r\nlocation: ([^\r]*)/i.exec(text)?.[1],
      }),
    );
  });
}

test("createPreviewHandler: a folder's redirect stays on this server, whatever slashes the request starts with", async () => {
  // A branch named `evil.example` is a folder of that name: `//evil.example` must not answer
  // `Location: //evil.example/`, which a browser follows to that host.
  const root = makeTempDir();
  mkdirSync(join(root, 'evil.example', 'sub'), { recursive: true });
  writeFileSync(join(root, 'evil.example', 'index.html'), '<html><body>build</body></html>');
  const server = createServer(createPreviewHandler(root, createReloadHub(), '// script', '/course/'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  try {
    const cases: [string, string][] = [
      ['/evil.example', '/evil.example/'],
      ['//evil.example', '/evil.example/'],
      ['///evil.example', '/evil.example/'],
      ['//evil.example?x=1', '/evil.example/?x=1'],
      ['//evil.example/sub', '/evil.example/sub/'],
      ['/course//evil.example', '/evil.example/'],
      ['/course///evil.example/sub?y', '/evil.example/sub/?y'],
    ];
    for (const [path, location] of cases) {
      const r = await rawGet(port, path);
      assert.equal(r, { status: 301, location }, path);
      assert.is(new URL(r.location ?? '', `${origin}${path}`).origin, origin, path);
    }
    for (const bad of ['/\\evil.example', '/%5Cevil.example', '/%2F%2Fevil.example'])
      assert.is((await rawGet(port, bad)).status, 400, bad);
    assert.is((await rawGet(port, '//evil.example/')).status, 200, 'the folder itself is served');
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
