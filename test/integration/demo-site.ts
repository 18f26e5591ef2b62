// Test support for the integration tests: the demo course (content/, one branch per folder) built
// once per test process with the real CLI (bin/binderpress.js → dist/) into a temp folder, and
// served on 127.0.0.1 by sirv. Both are removed when the process exits.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import sirv from 'sirv';

const ROOT = resolve(import.meta.dirname, '../..');

export interface DemoSite {
  /** The built site. */
  readonly out: string;
  /** Where it is served and what it was built for: `http://127.0.0.1:{port}/`. */
  readonly origin: string;
  /** The demo git repository it was built from. */
  readonly repo: string;
  readonly branches: readonly string[];
  /** What the CLI printed on stderr (diagnostics and the summary). */
  readonly log: string;
}

let built: Promise<DemoSite> | undefined;

/**
 * Serves a folder on 127.0.0.1 on a free port, as a static host would (404 for what is missing).
 * The server does not keep the process alive.
 */
export async function serveFolder(dir: string): Promise<{ origin: string; server: Server }> {
  const handler = sirv(dir, { dev: true, dotfiles: false });
  const server: Server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}/`, server };
}

/**
 * Builds the git repository `repo` with the real CLI into `{work}/site`, served on 127.0.0.1 and
 * built for the address it is served at; throws with the CLI's stderr when the build fails.
 */
export async function buildServed(repo: string, work: string): Promise<{ out: string; origin: string; log: string }> {
  const out = join(work, 'site');
  mkdirSync(out);
  const { origin } = await serveFolder(out);
  const args = [
    join(ROOT, 'bin/binderpress.js'),
    'build',
    '--repo',
    repo,
    '--out',
    out,
    '--site-url',
    origin,
    '--no-cache',
    '--force-out',
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  if (r.status !== 0) throw new Error(`binderpress build failed (${r.status}):\n${r.stderr}`);
  return { out, origin, log: r.stderr };
}

async function buildDemo(): Promise<DemoSite> {
  const work = mkdtempSync(join(tmpdir(), 'bp-'));
  const out = join(work, 'site');
  mkdirSync(out);
  const { origin, server } = await serveFolder(out);
  process.once('exit', () => {
    server.closeAllConnections();
    server.close();
    rmSync(work, { recursive: true, force: true });
  });
  const { makeDemoRepo } = (await import(pathToFileURL(join(ROOT, 'scripts/make-demo-repo.js')).href)) as {
    makeDemoRepo: (t: string) => { repo: string; branches: string[] };
  };
  const { repo, branches } = makeDemoRepo(join(work, 'repo'));
  return { out, origin, repo, branches, log: buildWithCli(repo, out, origin, work) };
}

/**
 * `binderpress build` of `repo` into `out` by the real CLI, for the address it is served at (so
 * canonical and root-relative links resolve); what it printed on stderr. Throws when it fails.
 */
export function buildWithCli(repo: string, out: string, origin: string, cwd: string): string {
  const args = [
    join(ROOT, 'bin/binderpress.js'),
    'build',
    '--repo',
    repo,
    '--out',
    out,
    '--site-url',
    origin,
    '--no-cache',
    '--force-out',
  ];
  const r = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
  });
  if (r.status !== 0) throw new Error(`binderpress build failed (${r.status}):\n${r.stderr}`);
  return r.stderr;
}

/** Debian's chromium, never a downloaded browser, with nothing of its own that reaches the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The demo site, built and served on first use (≈5 s), shared by every test file of the process. */
export function demoSite(): Promise<DemoSite> {
  built ??= buildDemo();
  return built;
}

/** Every file under `dir` ending in `ext`, as `/`-separated relative paths, sorted. */
export function filesUnder(dir: string, ext: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) return filesUnder(abs, ext, rel);
      return name.endsWith(ext) ? [rel] : [];
    });
}
