import { execFileSync } from 'node:child_process';
import { JSDOM } from 'jsdom';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createRenderContext, normalizeLanguage, plainCode } from './context.js';
import { createSink } from './sink.js';
import { createSlugger } from './slugger.js';
import { fixtureEnv } from '../../test/support/render-fixtures.js';
import { DEFAULT_MIME_PRIORITY, type DiagramLookup } from './types.js';

const Normalize = suite('normalizeLanguage');

Normalize('kernel and fence aliases map to shiki grammars', () => {
  const cases: [string, string][] = [
    ['python3', 'python'],
    ['ipython3', 'python'],
    ['Python', 'python'],
    ['R', 'r'],
    ['Julia', 'julia'],
    ['sh', 'shellscript'],
    ['bash', 'shellscript'],
    ['C++', 'cpp'],
    ['octave', 'matlab'],
    [' Rust ', 'rust'],
  ];
  for (const [input, expected] of cases) assert.is(normalizeLanguage(input), expected, input);
});

const Context = suite('createRenderContext');

Context('highlights known languages with dual light/dark theme colours', async () => {
  const ctx = await createRenderContext();
  const out = ctx.highlight('import numpy as np\nx = "<b>"', 'ipython3');
  assert.match(out, /^<pre class="shiki shiki-themes github-light github-dark"/);
  assert.match(out, /--shiki-dark:#/);
  const dom = JSDOM.fragment(out);
  assert.is(dom.querySelector('code')?.textContent, 'import numpy as np\nx = "<b>"');
  assert.ok(dom.querySelectorAll('span.line').length === 2);
  for (const lang of [
    'R',
    'Julia',
    'sh',
    'javascript',
    'typescript',
    'sql',
    'json',
    'yaml',
    'markdown',
    'c',
    'cpp',
    'rust',
    'go',
    'java',
    'scala',
    'matlab',
    'latex',
    'html',
    'css',
  ]) {
    assert.not.match(ctx.highlight('x', lang), /shiki plain/, lang);
  }
});

Context('unknown, unloaded or hostile languages come out plain and escaped, never a crash', async () => {
  const ctx = await createRenderContext();
  assert.is(ctx.highlight('a < b', 'brainfuck'), '<pre class="shiki plain"><code>a &lt; b</code></pre>');
  assert.is(ctx.highlight('x', '"><script>alert(1)</script>'), plainCode('x'));
  assert.is(
    ctx.highlight('</code></pre><script>alert(1)</script>', ''),
    plainCode('</code></pre><script>alert(1)</script>'),
  );
  const hl = JSDOM.fragment(ctx.highlight('</code></pre><script>alert(1)</script>', 'python'));
  assert.is(hl.querySelectorAll('script').length, 0);
  assert.is(hl.textContent, '</code></pre><script>alert(1)</script>');
});

Context('the highlighter is created once and reused', async () => {
  await createRenderContext();
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) await createRenderContext();
  assert.ok(performance.now() - t0 < 200, 'later contexts reuse the highlighter');
});

Context('options default, partial options override, undefined does not', async () => {
  const ctx = await createRenderContext({ collapseLines: 10, showExecutionCount: undefined });
  assert.is(ctx.options.collapseLines, 10);
  assert.is(ctx.options.showExecutionCount, true);
  assert.equal(ctx.options.mimePriority, DEFAULT_MIME_PRIORITY);
  assert.is(ctx.diagrams.get('mermaid', 'graph TD; A-->B'), undefined);
  assert.is(ctx.images.get('0123456789abcdef'), undefined);
});

Context('markdown fences: drawn diagrams become figures, others highlighted code', async () => {
  const svg = {
    name: '1111111111111111.svg',
    mime: 'image/svg+xml',
    bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  };
  const png = { name: '2222222222222222.png', mime: 'image/png', bytes: new Uint8Array([137, 80, 78, 71]) };
  const diagrams: DiagramLookup = {
    get: (kind, source) =>
      kind === 'mermaid' && source === 'graph TD; A-->B'
        ? { ok: true, image: { svg: svg.name, png: png.name, width: 100, height: 50, assets: [svg, png] } }
        : undefined,
  };
  const ctx = await createRenderContext({}, { diagrams });
  const sink = createSink('main', 'd.ipynb');
  const menv = { env: fixtureEnv('d.ipynb'), sink, slugger: createSlugger(), cell: 0 };
  const drawn = JSDOM.fragment(ctx.markdown.render('```mermaid\ngraph TD; A-->B\n```', menv).html);
  const img = drawn.querySelector('figure.diagram img');
  assert.ok(img, 'a figure for the drawn diagram');
  assert.match(img.getAttribute('src') ?? '', /\.svg$/);
  assert.match(img.getAttribute('data-png') ?? '', /\.png$/);
  assert.is(sink.assets().length, 2);
  const code = JSDOM.fragment(ctx.markdown.render('```mermaid\ngraph LR; not drawn\n```', menv).html);
  assert.is(code.querySelector('figure'), null);
  assert.match(code.querySelector('pre')?.textContent ?? '', /graph LR; not drawn/);
});

Context('works offline: no fetch, no sockets while preparing and highlighting', () => {
  const script = `
    import net from 'node:net';
    globalThis.fetch = () => { throw new Error('fetch called'); };
    net.Socket.prototype.connect = function () { throw new Error('socket opened'); };
    const { createRenderContext } = await import(${JSON.stringify(new URL('./context.ts', import.meta.url).href)});
    const ctx = await createRenderContext();
    process.stdout.write(ctx.highlight('x = 1', 'python').startsWith('<pre class="shiki shiki-themes') ? 'ok' : 'plain');
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.is(out, 'ok');
});

Normalize.run();
Context.run();
