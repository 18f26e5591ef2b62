// What must hold after any build, whatever the notebooks held: the process ended by itself with
// 0 or 1 (2 only for a config reported cleanly), printed no stack trace, built every notebook that
// was not mutated, wrote pages that parse without error and hold no script but the theme's, feeds
// that are well-formed, and no file outside the output folder.
import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { isInertData, OWN_SCRIPT } from '../own-scripts.js';

export interface RunOutcome {
  readonly status: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly stderr: string;
  readonly ms: number;
}

export interface Expectations {
  /** Marker text of each unmutated notebook, by the file name of its page (`control.html`). */
  readonly controls: readonly { readonly page: string; readonly marker: string }[];
  /** Plainly named mutants: each must have a page or be named in a diagnostic. */
  readonly mutants: readonly { readonly path: string }[];
  /** A config file was mutated: exit 2 with a one-line error is then a fine answer. */
  readonly configMutated: boolean;
}

const STACK_LINE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** Exit code, signal, time limit and what was printed. */
export function checkProcess(run: RunOutcome, configMutated: boolean): string[] {
  const problems: string[] = [];
  if (run.timedOut) problems.push(`hang: the build was still running after ${run.ms} ms`);
  else if (run.signal) problems.push(`crash: the build died of ${run.signal}`);
  else if (run.status === 2 && !configMutated) problems.push('exit 2 although only notebooks were mutated');
  else if (run.status !== 0 && run.status !== 1 && run.status !== 2) problems.push(`crash: exit code ${run.status}`);
  if (run.status === 2 && !/^binderpress: /m.test(run.stderr))
    problems.push('exit 2 without a `binderpress: …` error line');
  if (/unexpected error/i.test(run.stderr))
    problems.push('the CLI caught an unexpected error (a bug, by its own words)');
  const stack = STACK_LINE.exec(run.stderr);
  if (stack)
    problems.push(
      `a stack trace was printed: ${run.stderr.slice(Math.max(0, stack.index - 300), stack.index + 200).trim()}`,
    );
  if (/FATAL ERROR|Unhandled|UnhandledPromiseRejection|Segmentation fault|core dumped|out of memory/i.test(run.stderr))
    problems.push('the runtime reported a fatal error');
  return problems;
}

/** Every file under `dir` (relative, `/`-separated); symbolic links and odd entries are reported. */
export function walkSite(dir: string, problems: string[]): string[] {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) files.push(path);
      else problems.push(`${path} is neither a file nor a folder`);
    }
  };
  walk('');
  return files;
}

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
const SCRIPT_URL = /^(javascript:|vbscript:|data:text\/html|data:image\/svg)/i;
const URL_ATTRS = /^(href|src|xlink:href|action|formaction|poster|data|srcset|background|ping)$/i;

/** HTML parse errors and any script that is not the site's own (or inert data), in one pass over the tree. */
function checkPage(path: string, html: string): string[] {
  const problems: string[] = [];
  const errors = new Set<string>();
  const doc = parse(html, { onParseError: (e) => errors.add(e.code) });
  if (errors.size > 0) problems.push(`${path}: HTML parse errors: ${[...errors].join(', ')}`);
  const visit = (node: Node) => {
    if ('tagName' in node) checkElement(path, node as Element, problems);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) visit(child);
    if ('content' in node && node.content) visit(node.content as Node);
  };
  visit(doc);
  return problems;
}

function checkElement(path: string, el: Element, problems: string[]): void {
  if (el.tagName === 'script') {
    const attr = (name: string) => el.attrs.find((a) => a.name === name)?.value;
    const src = attr('src') ?? '';
    const text = el.childNodes.map((n) => ('value' in n ? String(n.value) : '')).join('');
    const data = isInertData({ type: attr('type'), src: attr('src'), live: attr('data-bp-live') !== undefined, text });
    if (!OWN_SCRIPT.test(src) && !data)
      problems.push(`${path}: <script${src ? ` src="${src.slice(0, 80)}"` : ''}> that is not the site's own`);
  }
  if (['iframe', 'frame', 'object', 'embed', 'base', 'form'].includes(el.tagName))
    problems.push(`${path}: <${el.tagName}>`);
  for (const attr of el.attrs) {
    if (/^on/i.test(attr.name)) problems.push(`${path}: <${el.tagName} ${attr.name}=…>`);
    if (URL_ATTRS.test(attr.name) && SCRIPT_URL.test(attr.value.replace(/[\u0000-\u0020]/g, '')))
      problems.push(`${path}: <${el.tagName} ${attr.name}="${attr.value.slice(0, 60)}">`);
    if (el.tagName === 'meta' && attr.name === 'http-equiv' && /refresh/i.test(attr.value))
      problems.push(`${path}: <meta http-equiv=refresh>`);
  }
}

/** XML files are well-formed (one xmllint for all), JSON feeds parse and say their version. */
function checkFeeds(dir: string, files: readonly string[]): string[] {
  const problems: string[] = [];
  const xml = files.filter((f) => /\.(xml|opml)$/.test(f));
  for (let i = 0; i < xml.length; i += 200) {
    const batch = xml.slice(i, i + 200);
    const r = spawnSync('xmllint', ['--noout', '--nonet', ...batch], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0)
      problems.push(`xmllint: ${(r.stderr || r.error?.message || '').split('\n').slice(0, 4).join(' | ')}`);
  }
  for (const f of files.filter((p) => p.endsWith('feed.json'))) {
    try {
      const feed = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { version?: string; items?: unknown };
      if (feed.version !== 'https://jsonfeed.org/version/1.1' || !Array.isArray(feed.items))
        problems.push(`${f}: not a JSON Feed 1.1`);
    } catch (error) {
      problems.push(`${f}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The whole output: pages, feeds, and the notebooks that had to be built. */
export function checkSite(dir: string, expect: Expectations, stderr: string): string[] {
  const problems: string[] = [];
  const files = walkSite(dir, problems);
  for (const f of files.filter((p) => p.endsWith('.html')))
    problems.push(...checkPage(f, readFileSync(join(dir, f), 'utf8')));
  problems.push(...checkFeeds(dir, files));
  for (const control of expect.controls) {
    const found = files.filter(
      (f) => f.endsWith(`/${control.page}`) && readFileSync(join(dir, f), 'utf8').includes(`${control.marker}.`),
    );
    if (found.length !== 1)
      problems.push(`the unmutated notebook marked ${control.marker} was not built (${found.length} pages)`);
  }
  for (const m of expect.mutants) {
    const page = m.path.replace(/\.ipynb$/, '.html');
    if (!files.some((f) => f.endsWith(`/${page}`)) && !stderr.includes(m.path))
      problems.push(`${m.path} has no page and no diagnostic names it`);
  }
  return problems;
}
