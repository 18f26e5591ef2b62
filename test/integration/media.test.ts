// Audio and video outputs, end to end: the fixture notebook holds what IPython's Audio(data),
// Video(data, embed=True) and HTML('<video src="data:…">') write (scripts/make-media-fixtures.js),
// plus a player with hostile parts and one of another host. Built by the real CLI and served; the
// page's players load their media in Debian's chromium with no request to another host and no
// Content-Security-Policy violation; what was dropped is one warning naming branch, file and cell.
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chromium, type Browser } from 'playwright-core';
import { buildServed } from './demo-site.js';
import { feedparse } from '../support/feed-parsers.js';
import { code, makeRepo, makeTempDir } from '../support/git-repo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/media/media.ipynb');

interface Notebook {
  cells: { cell_type: string; id?: string; outputs?: { data: Record<string, string | string[]> }[] }[];
}

const notebook = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Notebook;
const htmlOf = (index: number): string => {
  const value = notebook.cells[index]?.outputs?.[0]?.data['text/html'] ?? '';
  return Array.isArray(value) ? value.join('') : value;
};
/** The bytes of the first base64 `data:` URL of a cell's HTML output. */
const embedded = (index: number): Buffer =>
  Buffer.from(/data:[a-z]+\/[a-z0-9.+-]+;base64,([A-Za-z0-9+/=]+)/.exec(htmlOf(index))?.[1] ?? '', 'base64');

/** A player with nothing it may play (left out), and one with an event handler (kept without it). */
const HOSTILE = `<video controls><source src="http://other.example/v.mp4"><source src="data:text/html;base64,PHNjcmlwdD4=" type="video/mp4"></video>
<audio controls onerror="alert(1)" src="data:audio/wav;base64,${embedded(1).toString('base64')}"></audio>`;
/** What IPython's `Video(url='media/clip.mp4')` writes: a file beside the notebook, which the site does not publish. */
const LOCAL = `<video src="media/clip.mp4" controls  >
      Your browser does not support the <code>video</code> element.
    </video>`;
const REMOTE =
  '<video controls autoplay id="remote"><source src="https://other.example/v.mp4" type="video/mp4"></video>';

let browser: Browser;
let origin = '';
let log = '';
const work = makeTempDir('bp-media-');
const out = join(work, 'site');
const repo = makeRepo();

test.before(async () => {
  const html = (value: string) => [
    {
      output_type: 'display_data',
      metadata: {},
      data: { 'text/html': value, 'text/plain': '<IPython.core.display.HTML object>' },
    },
  ];
  const cells = [
    ...notebook.cells,
    { ...code('HTML(hostile)', html(HOSTILE)), id: 'hostile' },
    { ...code('HTML(remote)', html(REMOTE)), id: 'remote' },
    { ...code("Video(url='media/clip.mp4')", html(LOCAL)), id: 'local' },
  ];
  repo.commit('main', { 'media.ipynb': JSON.stringify({ ...notebook, cells }) }, 'media');
  ({ origin, log } = await buildServed(repo.dir, work));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
});

test.after(async () => {
  await browser?.close();
  repo.remove();
  rmSync(work, { recursive: true, force: true });
});

test('embedded audio and video are written as content-hashed assets the page plays', () => {
  const page = readFileSync(join(out, 'main/media.html'), 'utf8');
  const sources = [...page.matchAll(/<(?:source|video|audio) [^>]*src="(_assets\/[0-9a-f]{16}\.(wav|webm))"/g)];
  assert.equal(
    sources.map((m) => m[2]),
    ['wav', 'webm', 'webm', 'wav'],
    'IPython Audio and Video, hand-made video and audio HTML',
  );
  assert.is(sources[1]?.[1], sources[2]?.[1], 'the same clip is one file');
  assert.is(sources[0]?.[1], sources[3]?.[1], 'the same tone is one file');
  assert.equal(readFileSync(join(out, 'main', sources[0]?.[1] ?? '')), embedded(1));
  assert.equal(readFileSync(join(out, 'main', sources[1]?.[1] ?? '')), embedded(2));
  assert.ok(embedded(2).length > 64_000, 'the clip is larger than 64 kB');
  assert.not.match(page, /data:(?:audio|video)\/[a-z]+;base64,[A-Za-z0-9+/]{8}/, 'no media inline');
  assert.not.match(page, /http:\/\/other\.example|onerror|data:text\/html/);
  assert.match(
    page,
    /<video controls="" id="remote" preload="none"><source src="https:\/\/other\.example\/v\.mp4" type="video\/mp4">/,
  );
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="[^"]*media-src &#39;self&#39; data: https:;/);
});

test('what a player lost is one warning naming branch, notebook and cell', () => {
  const warnings = log.split('\n').filter((line) => line.includes('[output-media-dropped]'));
  assert.is(warnings.length, 1, log);
  assert.match(
    warnings[0] as string,
    /^warning \(branch main, media\.ipynb, cell 5\): The text\/html output of cell 5 \(hostile\)/,
  );
  for (const part of [
    'src="http://other.example/v.mp4" of <source>',
    'src="data:text/html;base64,PHNjcmlwdD4=" of <source>',
    'the <video> player, left with nothing to play',
    'onerror="alert(1)" of <audio>',
  ]) {
    assert.ok((warnings[0] as string).includes(part), part);
  }
});

test('a player of a file the site does not publish is a warning naming the cell', () => {
  const warnings = log.split('\n').filter((line) => line.includes('[output-media-unpublished]'));
  assert.is(warnings.length, 1, log);
  assert.match(
    warnings[0] as string,
    /^warning \(branch main, media\.ipynb, cell 7\): The text\/html output of cell 7 \(local\) plays "media\/clip\.mp4", a file the site does not publish/,
  );
});

test('feeds link every player to its cell on the page, as feedparser reads them', () => {
  for (const file of ['feed.xml', 'atom.xml']) {
    const [feed] = feedparse(readFileSync(join(out, 'main', file), 'utf8'));
    const content = feed?.entries[0]?.content[0]?.value ?? '';
    assert.ok(
      content.includes(`<a href="${origin}main/media.html#cell-c01">Play the audio on the page</a>`),
      `${file}: audio link`,
    );
    assert.ok(
      content.includes(`<a href="${origin}main/media.html#cell-c02">Play the video on the page</a>`),
      `${file}: video link`,
    );
    assert.is(content.match(/Play the video/g)?.length, 4, `${file}: one link a video`);
    assert.is(content.match(/Play the audio/g)?.length, 2, `${file}: one link an audio`);
  }
});

test('chromium loads every embedded player, asks no other host and sees no CSP violation', async () => {
  const context = await browser.newContext();
  const offsite: string[] = [];
  await context.route(
    (u) => u.origin !== new URL(origin).origin && u.protocol !== 'data:',
    (route) => {
      offsite.push(route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  const console: string[] = [];
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${origin}main/media.html`);
  const players = await page.evaluate(async () => {
    const els = [...document.querySelectorAll<HTMLMediaElement>('audio, video')].filter(
      (el) => el.id !== 'remote' && el.closest('#cell-local') === null,
    );
    await Promise.all(
      els.map((el) =>
        el.readyState >= 1
          ? undefined
          : new Promise<void>((done, fail) => {
              el.addEventListener('loadedmetadata', () => done(), { once: true });
              el.addEventListener('error', () => fail(new Error(`${el.currentSrc}: media error ${el.error?.code}`)), {
                once: true,
              });
              setTimeout(() => fail(new Error(`${el.outerHTML.slice(0, 200)}: no metadata after 10 s`)), 10_000);
            }),
      ),
    );
    return els.map((el) => ({
      tag: el.localName,
      readyState: el.readyState,
      duration: el.duration,
      src: el.currentSrc,
    }));
  });
  assert.equal(
    players.map((p) => p.tag),
    ['audio', 'video', 'video', 'audio'],
  );
  for (const p of players) {
    assert.ok(p.readyState >= 1 && p.duration > 0, JSON.stringify(p));
    assert.ok(p.src.startsWith(`${origin}main/_assets/`), p.src);
  }
  const remote = await page.evaluate(() => (document.getElementById('remote') as HTMLMediaElement).readyState);
  assert.is(remote, 0, 'the player of another host waits for play');
  assert.equal(offsite, []);
  assert.equal(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), []);
  assert.equal(
    console.filter((line) => /Content Security Policy|Refused to/i.test(line)),
    [],
  );
  await context.close();
});

test.run();
