import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chooseSiteUrl, cnameHost } from './site-url.js';
import type { CnameFile } from '../source/site-cname.js';
import type { RepoSpec } from '../source/remote.js';

test('cnameHost: the first line that is not blank, trimmed and in lowercase, when it is a hostname', () => {
  const cases: [string, string | undefined][] = [
    ['docs.example.org', 'docs.example.org'],
    ['\uFEFF\n\n  WWW.Example.ORG \r\nother.example.org\n', 'www.example.org'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['a-b.c-d.io\n', 'a-b.c-d.io'],
    ['https://docs.example.org/', undefined],
    ['docs.example.org/course', undefined],
    ['docs.example.org:8080', undefined],
    ['localhost', undefined],
    ['10.0.0.1', undefined],
    ['two words.example.org', undefined],
    ['-bad.example.org', undefined],
    ['bad-.example.org', undefined],
    ['a..example.org', undefined],
    ['example.org.', undefined],
    [`${'a'.repeat(64)}.example.org`, undefined],
    [`${'a.'.repeat(127)}org`, undefined],
    ['', undefined],
    ['bücher.example', undefined],
    ['<script>.example.org', undefined],
  ];
  for (const [text, want] of cases) assert.is(cnameHost(text), want, JSON.stringify(text));
});

test('chooseSiteUrl: configured, else CNAME, else GitHub Pages, else localhost', () => {
  const gh = { provider: 'gh', owner: 'Owner', repo: 'course' } as const;
  const cname = { where: 'gh-pages', text: 'docs.example.org\n', size: 17 };
  const run = (configured: string | undefined, repo: RepoSpec | undefined, file: CnameFile | undefined) => {
    const { url, diagnostics } = chooseSiteUrl(configured, repo, file);
    return { url, rules: diagnostics.map((d) => d.rule) };
  };
  assert.equal(run('https://x.example/', gh, cname), { url: 'https://x.example/', rules: [] });
  assert.equal(run(undefined, gh, cname), { url: 'https://docs.example.org/', rules: ['site-url-from-cname'] });
  assert.equal(run(undefined, gh, { ...cname, text: 'https://docs.example.org' }), {
    url: 'https://owner.github.io/course/',
    rules: ['site-url-cname-invalid'],
  });
  assert.equal(run(undefined, undefined, { where: 'main', size: 5000 }), {
    url: 'http://localhost:8080/',
    rules: ['site-url-cname-invalid', 'site-url-missing'],
  });
  assert.equal(run(undefined, { provider: 'gh', owner: 'Owner', repo: 'owner.github.io' }, undefined), {
    url: 'https://owner.github.io/',
    rules: [],
  });
});

test.run();
