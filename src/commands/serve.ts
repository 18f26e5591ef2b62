// `binderpress serve`: build, serve the output on 127.0.0.1, watch the repository, rebuild after
// a pause in changes, and tell open pages to reload. Only the preview adds the live-reload script
// (to the pages it sends); the files on disk are exactly what `build` and `publish` produce.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { build, type BuildResult } from '../build.js';
import type { Config } from '../config.js';
import { BinderpressError } from '../io/errors.js';
import { diagnosticLines, summarize } from '../io/report.js';
import { BUILTIN_TEMPLATES } from '../io/templates.js';
import { createPreviewHandler, createReloadHub } from './serve-http.js';
import { watchFiles, watchSources } from './serve-watch.js';
import { selectSourceBranches } from './source-branches.js';

export interface ServeOptions {
  /** 0: any free port. Otherwise this one, or the next free one above it. */
  readonly port: number;
  readonly host: string;
  /** Also rebuild when files of the working tree change. */
  readonly watchWorktree: boolean;
  readonly log: (line: string) => void;
  /** Aborting it stops the server, like `close()`. */
  readonly signal?: AbortSignal;
  /** Quiet time after the last change before rebuilding (default 200 ms). */
  readonly debounceMs?: number;
  /**
   * The config files to follow (`binderpress.yml` and its other names, present or not): when one
   * changes or appears, `readConfig` reads the settings again and the site is rebuilt with them.
   */
  readonly configFiles?: readonly string[];
  readonly readConfig?: () => Config;
}

export interface PreviewServer {
  readonly url: string;
  /** Rebuilds now (or once more after the running build); resolves when that build is done. */
  rebuild(): Promise<void>;
  close(): Promise<void>;
}

const PORT_ATTEMPTS = 20;

async function buildOnce(config: Config, log: (line: string) => void): Promise<BuildResult> {
  const selection = await selectSourceBranches(config);
  const result = await build(selection.config, { log });
  for (const line of diagnosticLines(result.diagnostics, config.dir ? 'folder' : 'branch')) log(line);
  log(summarize(result));
  return result;
}

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done((server.address() as AddressInfo).port);
    });
  });
}

/** Listens on `port` (0: any), or the next free port above it. */
async function listen(server: Server, port: number, host: string, log: (line: string) => void): Promise<number> {
  for (let p = port; ; p++) {
    try {
      return await listenOnce(server, p, host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && port !== 0 && p < Math.min(port + PORT_ATTEMPTS, 65535)) {
        log(`port ${p} is in use, trying ${p + 1}`);
        continue;
      }
      throw new BinderpressError(`cannot listen on ${host}:${p}: ${(error as Error).message}`, {
        hint:
          code === 'EADDRINUSE'
            ? 'pass another --port, or --port 0 for any free one'
            : 'check --host: it must be an address of this machine, such as 127.0.0.1',
        cause: error,
      });
    }
  }
}

/**
 * Runs `once` after `debounceMs` without calls to `schedule`; a call during a run queues exactly
 * one more run, so the last change is always built and builds never overlap.
 */
export function createRebuilder(once: () => Promise<void>, debounceMs: number) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    do {
      again = false;
      await once();
    } while (again && !stopped);
    running = undefined;
  };
  const rebuild = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) again = true;
    else running = loop();
    return running;
  };
  return {
    rebuild,
    schedule(): void {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(() => void rebuild(), debounceMs);
    },
    /** No more runs; resolves when the current one is done. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** The path of the site URL, ending in `/` (`/` when the URL cannot be read). */
function basePathOf(siteUrl: string): string {
  try {
    const path = new URL(siteUrl).pathname;
    return path.endsWith('/') ? path : `${path}/`;
  } catch {
    return '/';
  }
}

export async function runServe(config: Config, opts: ServeOptions): Promise<PreviewServer> {
  // With --watch-worktree the checked-out branch is read from disk, uncommitted changes included.
  if (opts.watchWorktree) config = { ...config, worktree: true };
  const { log } = opts;
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new BinderpressError(`--port ${opts.port} is not a port number`, {
      hint: 'pass --port N with 0 ≤ N ≤ 65535 (0: any free port)',
    });
  }
  const first = await buildOnce(config, log);
  const hub = createReloadHub();
  const script = readFileSync(join(BUILTIN_TEMPLATES, 'static', 'live-reload.js'), 'utf8');
  const server = createServer(createPreviewHandler(first.outDir, hub, script, basePathOf(first.siteUrl)));
  const port = await listen(server, opts.port, opts.host, log);
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}/`;

  const rebuilder = createRebuilder(async () => {
    try {
      const result = await buildOnce(config, log);
      hub.send('reload', JSON.stringify({ files: result.files }));
      if (hub.size > 0) log(`reloading ${hub.size} open page${hub.size === 1 ? '' : 's'}`);
    } catch (error) {
      const hint = error instanceof BinderpressError && error.hint ? `\n  hint: ${error.hint}` : '';
      log(`rebuild failed, still serving the previous site: ${(error as Error).message}${hint}`);
      hub.send('build-error', JSON.stringify((error as Error).message));
    }
  }, opts.debounceMs ?? 200);
  const onChange = rebuilder.schedule;
  const watchers = await Promise.all([
    watchSources(config, { watchWorktree: opts.watchWorktree, onChange }),
    ...(opts.configFiles?.length && opts.readConfig
      ? [watchFiles(opts.configFiles, (path) => reloadConfig(path))]
      : []),
  ]).catch((error: unknown) => {
    server.close();
    throw error;
  });
  /** New settings for the next builds; the output folder and the worktree mode stay as started. */
  function reloadConfig(path: string): void {
    try {
      const next = opts.readConfig!();
      if (resolve(next.out) !== resolve(config.out))
        log(`${basename(path)}: a new output folder takes effect when serve starts again`);
      config = { ...next, out: config.out, ...(config.worktree ? { worktree: true } : {}) };
      log(`${basename(path)} changed: rebuilding with its settings`);
      onChange();
    } catch (error) {
      const hint = error instanceof BinderpressError && error.hint ? `\n  hint: ${error.hint}` : '';
      log(
        `${basename(path)} cannot be used, still serving with the previous settings: ${(error as Error).message}${hint}`,
      );
      hub.send('build-error', JSON.stringify((error as Error).message));
    }
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await Promise.all(watchers.map((w) => w.close()));
      await rebuilder.stop();
      hub.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    })());
  if (opts.signal?.aborted) await close();
  else opts.signal?.addEventListener('abort', () => void close(), { once: true });
  return { url, rebuild: rebuilder.rebuild, close };
}
