import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  browserLaunches,
  chromiumPath,
  closeBrowser,
  mermaidScript,
  mermaidVersion,
  openOfflinePage,
  startBrowser,
} from './browser.js';
import { withChromium } from '../../test/support/env.js';

// Browsers of this file make their profiles in a temp folder of its own: test files run side by
// side, and another file's browser profile must not count as one this file left behind.
process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'bp-browser-test-'));
const profiles = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('bp-chromium-'));

test.after(async () => {
  await closeBrowser();
  rmSync(tmpdir(), { recursive: true, force: true });
});

test('chromiumPath: BINDERPRESS_CHROMIUM, else Debian’s /usr/bin/chromium', () => {
  assert.is(chromiumPath({}), '/usr/bin/chromium');
  assert.is(chromiumPath({ BINDERPRESS_CHROMIUM: '/opt/chrome/chrome' }), '/opt/chrome/chrome');
});

test('startBrowser: no browser at BINDERPRESS_CHROMIUM → a reason, no throw', async () => {
  await closeBrowser();
  const status = await withChromium('/nonexistent/chromium', () => startBrowser());
  assert.equal(status, { ok: false, error: 'no Chromium at /nonexistent/chromium' });
  await closeBrowser();
});

test('openOfflinePage: one browser for many pages; pages reach no network, not even localhost', async () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('reached');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const before = browserLaunches();
    const [a, b] = [await openOfflinePage(), await openOfflinePage()];
    assert.is(browserLaunches() - before, 1, 'launched once');
    const attempts = await a.evaluate(async (target) => {
      const fetched = await fetch(target).then(
        (r) => r.text(),
        (e: Error) => `blocked: ${e.message}`,
      );
      const image = await new Promise<string>((resolve) => {
        const img = new Image();
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('blocked');
        img.src = `${target}pixel.png`;
      });
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(target.replace('http', 'ws'));
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('blocked');
        ws.onclose = () => resolve('blocked');
      });
      return { fetched, image, socket };
    }, url);
    assert.equal(attempts, { fetched: 'blocked: Failed to fetch', image: 'blocked', socket: 'blocked' });
    const nav = await b.goto(url).then(
      () => 'navigated',
      () => 'blocked',
    );
    assert.is(nav, 'blocked');
    assert.is(hits, 0, 'the local server saw no request');
  } finally {
    server.close();
  }
});

test('closeBrowser: removes the temporary profile; the next page starts a new browser', async () => {
  await openOfflinePage();
  assert.ok(profiles().length >= 1);
  const open = new Set(profiles());
  await closeBrowser();
  assert.ok(
    profiles().every((p) => !open.has(p)),
    'profile folder removed',
  );
  const before = browserLaunches();
  const page = await openOfflinePage();
  assert.is(await page.evaluate(() => 6 * 7), 42);
  assert.is(browserLaunches() - before, 1);
  await closeBrowser();
  await closeBrowser(); // twice is fine
});

test('mermaidScript / mermaidVersion: the pinned bundle from node_modules', () => {
  assert.is(mermaidVersion(), '11.17.2');
  assert.ok(mermaidScript().length > 1_000_000);
});

test.run();
