import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { browserLaunches, browserProfileDir, closeBrowser } from '../io/browser.js';
import { collectDiagrams } from './collect.js';
import { SLOW_MERMAID } from '../../test/support/hostile-specs.js';
import { loadNotebook } from '../../test/support/load-notebook.js';
import { createMermaidRenderer } from './mermaid.js';
import type { MermaidRenderer } from './mermaid.js';

const diagrams = collectDiagrams(loadNotebook('diagrams/diagrams.ipynb'));
const hostile = collectDiagrams(loadNotebook('diagrams/hostile.ipynb'));
const textOf = (svg: string): string =>
  svg
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');
let renderer: MermaidRenderer | undefined;
const mermaid = async (): Promise<MermaidRenderer> => (renderer ??= await createMermaidRenderer());

test.after(async () => {
  await renderer?.close();
  await closeBrowser();
});

test('mermaid: flowchart in Debian chromium, labels as SVG text (no foreignObject)', async () => {
  const r = await (await mermaid()).render(diagrams[0]!.source);
  assert.ok(r.ok, r.ok ? '' : r.error);
  for (const label of ['Draft notebook', 'Reviewed?', 'Publish site', 'yes', 'no'])
    assert.ok(textOf(r.svg).includes(label), label);
  assert.not.match(r.svg, /foreignObject/);
  assert.match(r.svg, /^<svg[^>]+viewBox="/);
});

test('mermaid: sequence diagram; the same source gives the same SVG after other diagrams', async () => {
  const m = await mermaid();
  const seq = await m.render(diagrams[1]!.source);
  assert.ok(seq.ok);
  for (const label of ['Alice', 'Bob', 'Hello Bob', 'Hi Alice']) assert.ok(textOf(seq.svg).includes(label), label);
  await m.render(diagrams[6]!.source);
  const again = await m.render(diagrams[1]!.source);
  assert.ok(again.ok && again.svg === seq.svg, 'same SVG');
});

test('mermaid: a syntax error gives mermaid’s parse message', async () => {
  const r = await (await mermaid()).render(collectDiagrams(loadNotebook('diagrams/broken.ipynb'))[0]!.source);
  assert.ok(!r.ok && /^Parse error on line 3:/.test(r.error), JSON.stringify(r));
  assert.not.ok(!r.ok && r.transient);
  const unknown = await (await mermaid()).render('not a diagram at all');
  assert.ok(!unknown.ok && unknown.error.includes('No diagram type detected'));
});

test('mermaid: hostile labels and click directives produce no script, handlers or javascript: links', async () => {
  const r = await (await mermaid()).render(hostile[0]!.source);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.not.match(r.svg, /<script/i);
  assert.not.match(r.svg, /\son[a-z]+\s*=/i);
  assert.not.match(r.svg, /javascript:/i);
  assert.not.match(r.svg, /<img/i);
  assert.ok(textOf(r.svg).includes('Start'));
});

test('mermaid: a diagram that takes too long is abandoned (transient, not cached) and the next one works', async () => {
  const slow = await createMermaidRenderer(1);
  const r = await slow.render(diagrams[0]!.source);
  assert.equal(r, {
    ok: false,
    error: 'it took longer than the 0.001 s time limit',
    transient: true,
    rule: 'diagram-timeout',
  });
  await slow.close();
  const ok = await (await mermaid()).render(diagrams[6]!.source);
  assert.ok(ok.ok && textOf(ok.svg).includes('Kernel'));
});

test('mermaid: a diagram that keeps its page busy past the time limit loses the page; the next one draws', async () => {
  const m = await mermaid();
  const r = await m.render(SLOW_MERMAID, 1000);
  assert.equal(r, {
    ok: false,
    error: 'it took longer than the 1 s time limit',
    transient: true,
    rule: 'diagram-timeout',
  });
  const ok = await m.render(diagrams[6]!.source);
  assert.ok(ok.ok && textOf(ok.svg).includes('Kernel'));
});

/** The browser's own process (not its renderers): the one whose command line names the profile. */
function browserPids(profile: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .flatMap((pid) => {
      let args: string[];
      try {
        args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      } catch {
        return [];
      }
      return args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='))
        ? [Number(pid)]
        : [];
    });
}

test('mermaid: a browser that dies under a diagram is one crash (not cached); the next one gets a fresh browser', async () => {
  const m = await mermaid();
  const launches = browserLaunches();
  const profile = await browserProfileDir();
  assert.ok(profile);
  const pids = browserPids(profile);
  assert.is(pids.length, 1);
  const pending = m.render(SLOW_MERMAID, 60_000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.kill(pids[0]!, 'SIGKILL');
  const r = await pending;
  assert.ok(
    !r.ok && r.rule === 'diagram-crashed' && r.transient === true && r.error.startsWith('the browser failed: '),
    JSON.stringify(r),
  );
  const ok = await m.render(diagrams[6]!.source);
  assert.ok(ok.ok && textOf(ok.svg).includes('Kernel'), JSON.stringify(ok).slice(0, 200));
  assert.is(browserLaunches(), launches + 1);
  for (let i = 0; i < 50 && existsSync(profile); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  assert.not.ok(existsSync(profile), 'the dead browser’s profile folder is removed');
});

test.run();
