// ONE headless Debian Chromium for the whole build (mermaid is drawn in it), started lazily on
// first use and shut by `closeBrowser()`; if it dies (a diagram crashed it, or it was killed) the
// next page starts a fresh one. Pages get no network at all: the context is offline,
// every request and WebSocket is aborted by a route, and a dead proxy catches anything else.
import type { BrowserContext, Page } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const BROWSER_HINT = "install Debian's chromium (`apt-get install chromium`) or set BINDERPRESS_CHROMIUM";

const LAUNCH_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // A third wall behind `offline` and the routes: any request that still leaves goes to a closed port.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

interface Session {
  readonly context: BrowserContext;
  readonly cleanup: () => void;
  readonly profileDir: string;
}

export type BrowserStatus = { readonly ok: true } | { readonly ok: false; readonly error: string };

// One browser for the process, launched on first need (≈1–2 s) and shared by every diagram and
// picture; and a count of launches, a fact about the process (tests check there is one a build).
let session: Promise<Session> | undefined;
let launches = 0;

/** The Chromium binary: `BINDERPRESS_CHROMIUM` or Debian's `/usr/bin/chromium`. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.BINDERPRESS_CHROMIUM || DEFAULT_CHROMIUM;
}

/** How many times a browser was launched in this process (the build should launch at most one). */
export function browserLaunches(): number {
  return launches;
}

async function launch(): Promise<Session> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'bp-chromium-'));
  const cleanup = (): void => {
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // a dying browser's processes may still be writing there; a stray temp folder is harmless
    }
  };
  process.once('exit', cleanup);
  try {
    launches++;
    // Loaded on the first mermaid diagram only: playwright-core alone takes about a second to import.
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: LAUNCH_FLAGS,
      offline: true,
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    await context.routeWebSocket(/.*/, (ws) => ws.close());
    return { context, cleanup, profileDir: userDataDir };
  } catch (error) {
    process.off('exit', cleanup);
    cleanup();
    throw error;
  }
}

function getSession(): Promise<Session> {
  if (session) return session;
  const current = launch();
  session = current;
  void current.then(
    (s) =>
      s.context.on('close', () => {
        if (session === current) session = undefined; // died under us: the next page relaunches
        process.off('exit', s.cleanup);
        // a killed browser's processes write on for a moment while they die: retry, off this thread
        void rm(s.profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => undefined);
      }),
    () => undefined,
  );
  return current;
}

/** The profile folder of the running browser (its processes carry it in their command line). */
export async function browserProfileDir(): Promise<string | undefined> {
  return session ? (await session.catch(() => undefined))?.profileDir : undefined;
}

/** Starts the browser if it is not running; reports why it cannot when it cannot. */
export async function startBrowser(): Promise<BrowserStatus> {
  try {
    await getSession();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
  }
}

/** A blank page with no network. Throws when the browser cannot start (see `startBrowser`). */
export async function openOfflinePage(): Promise<Page> {
  const { context } = await getSession();
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  return page;
}

/** Closes the browser and removes its profile folder. Safe to call when none is running. */
export async function closeBrowser(): Promise<void> {
  const current = session;
  session = undefined;
  if (!current) return;
  const started = await current.catch(() => undefined);
  if (!started) return;
  await started.context.close().catch(() => undefined);
  process.off('exit', started.cleanup);
  started.cleanup();
}

const require = createRequire(import.meta.url);

/** The installed mermaid version (for cache keys; reads only its package.json). */
export function mermaidVersion(): string {
  const scriptPath = require.resolve('mermaid/dist/mermaid.min.js');
  const pkg = JSON.parse(readFileSync(join(scriptPath, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

let mermaidScriptText: string | undefined; // read once: the installed bundle does not change while the process runs

/** mermaid's browser bundle (`mermaid/dist/mermaid.min.js`) from node_modules: no CDN. */
export function mermaidScript(): string {
  mermaidScriptText ??= readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
  return mermaidScriptText;
}
