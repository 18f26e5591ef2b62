import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { absoluteUrl } from './paths.js';
import { buildRobots, buildSitemap } from './sitemap.js';

const SCHEMA = fileURLToPath(new URL('../../test/fixtures/schemas/sitemap.rnc', import.meta.url));
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Validates with xmllint (well-formed) and jing (the sitemaps.org schema); returns the <loc> texts. */
function check(xml: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'bp-'));
  try {
    const file = join(dir, 'sitemap.xml');
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' });
    execFileSync('jing', ['-c', SCHEMA, file], { stdio: 'pipe' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  assert.is(doc.documentElement.namespaceURI, NS);
  return [...doc.getElementsByTagNameNS(NS, 'loc')].map((e) => e.textContent ?? '');
}

test('buildSitemap: valid against the sitemaps.org schema, URLs escaped and kept byte-for-byte', () => {
  const site = 'https://example.org/course/';
  const urls = [
    absoluteUrl(site, 'index.html'),
    absoluteUrl(site, 'course-intro/lessons/01 intro.html'),
    absoluteUrl(site, 'odd/a&b \'q\' "x" <y>.html'),
    absoluteUrl(site, 'ünïcode/Ω.html'),
  ];
  const xml = buildSitemap(urls);
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  assert.equal(check(xml), urls);
  assert.is(urls[0], 'https://example.org/course/');
  assert.match(xml, /<loc>https:\/\/example\.org\/course\/odd\/a%26b%20&apos;q&apos;%20%22x%22%20%3Cy%3E\.html<\/loc>/);
});

test('buildSitemap: a raw & or quote is escaped, duplicates and non-absolute URLs are left out', () => {
  const urls = [
    'https://h.example/a?x=1&y=2',
    "https://h.example/it's",
    'https://h.example/a?x=1&y=2',
    '/relative.html',
    'javascript:alert(1)',
    'https://h.example/b\u0001c',
  ];
  const locs = check(buildSitemap(urls));
  assert.equal(locs, ['https://h.example/a?x=1&y=2', "https://h.example/it's", 'https://h.example/bc']);
});

test('buildSitemap: an empty site is still a valid sitemap, and output is deterministic', () => {
  assert.equal(check(buildSitemap([])), []);
  const urls = ['https://h.example/b', 'https://h.example/a'];
  assert.is(buildSitemap(urls), buildSitemap([...urls]));
  assert.equal(check(buildSitemap(urls)), urls, 'order as given');
});

test('buildRobots: allows everything and names the sitemap under the site URL', () => {
  assert.is(
    buildRobots('https://owner.github.io/repo/'),
    'User-agent: *\nAllow: /\n\nSitemap: https://owner.github.io/repo/sitemap.xml\n',
  );
  assert.is(
    buildRobots('https://example.org'),
    'User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n',
  );
  const lines = buildRobots('https://example.org/\nDisallow: /').split('\n');
  assert.not.ok(lines.includes('Disallow: /'), 'a newline cannot inject a directive');
});

test.run();
