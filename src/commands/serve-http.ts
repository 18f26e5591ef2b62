// The preview server's request handler: the output folder served by path (looked up again on
// every request, because each build swaps in a new folder under the same name), HTML pages with
// the live-reload script added, and a Server-Sent Events stream that says when to reload.
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

export const EVENTS_PATH = '/__binderpress/events';
export const SCRIPT_PATH = '/__binderpress/live-reload.js';
const SCRIPT_TAG = `<script src="${SCRIPT_PATH}" defer></script>`;

/** Open event streams; `send` writes one event to each. */
export interface ReloadHub {
  add(req: IncomingMessage, res: ServerResponse): void;
  send(event: string, data: string): void;
  readonly size: number;
  close(): void;
}

export function createReloadHub(): ReloadHub {
  const clients = new Set<ServerResponse>();
  return {
    add(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write('retry: 1000\n: connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
    },
    send(event, data) {
      const frame = `event: ${event}\ndata: ${data.replace(/\r?\n/g, '\ndata: ')}\n\n`;
      for (const res of clients) res.write(frame);
    },
    get size() {
      return clients.size;
    },
    close() {
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}

/** Adds the live-reload script before the last `</body>` (or at the end). */
export function injectReloadScript(html: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? `${html}${SCRIPT_TAG}\n` : `${html.slice(0, at)}${SCRIPT_TAG}\n${html.slice(at)}`;
}

/** The file a URL path names inside `root`, or a reason it names none. */
export function resolveRequestPath(root: string, pathname: string): { file: string; dir: boolean } | 'bad' | 'missing' {
  let segments: string[];
  try {
    segments = pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return 'bad';
  }
  if (segments.some((s) => s === '..' || s === '.' || /[/\\\0]/.test(s))) return 'bad';
  const file = join(root, ...segments.filter((s) => s !== ''));
  try {
    return { file, dir: statSync(file).isDirectory() };
  } catch {
    return 'missing';
  }
}

function sendHtml(req: IncomingMessage, res: ServerResponse, status: number, file: string): void {
  const body = Buffer.from(injectReloadScript(readFileSync(file, 'utf8')));
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/**
 * `pathname` as a path on this server only: `//evil.example` (a folder named after a branch
 * `evil.example`) would be a scheme-relative URL in a `Location`, sending the browser to that host.
 */
const samePath = (pathname: string): string => `/${pathname.replace(/^[/\\]+/, '')}`;

/**
 * Handles every request of the preview server for the site in `root`. `basePath` is the path of
 * the site URL (`/course/` for https://example.org/course/): the 404 page links its stylesheet
 * and scripts absolutely, under that path, since it is served for any missing URL; here the site
 * is served from `/`, so a request under `basePath` that misses is looked up again without it.
 */
export function createPreviewHandler(
  root: string,
  hub: ReloadHub,
  script: string,
  basePath = '/',
): (req: IncomingMessage, res: ServerResponse) => void {
  const notFound = (req: IncomingMessage, res: ServerResponse) => {
    const page = resolveRequestPath(root, '/404.html');
    if (typeof page === 'object' && !page.dir) sendHtml(req, res, 404, page.file);
    else sendText(res, 404, 'Not found\n');
  };
  const files = sirv(root, { dev: true, etag: true, dotfiles: true, onNoMatch: notFound });
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    // The raw path, not `new URL()`'s: that would resolve `..` before it could be refused.
    let [pathname = '', query] = (req.url ?? '/').split(/\?(.*)/s, 2);
    const search = query === undefined ? '' : `?${query}`;
    if (!pathname.startsWith('/')) return sendText(res, 400, 'Bad request\n');
    if (pathname === EVENTS_PATH) return hub.add(req, res);
    if (pathname === SCRIPT_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(req.method === 'HEAD' ? undefined : script);
    }
    let target = resolveRequestPath(root, pathname);
    if (target === 'missing' && basePath !== '/' && pathname.startsWith(basePath)) {
      pathname = pathname.slice(basePath.length - 1);
      target = resolveRequestPath(root, pathname);
      req.url = `${pathname}${search}`; // what the static file server looks up
    }
    if (target === 'bad') return sendText(res, 400, 'Bad request\n');
    if (target === 'missing') return notFound(req, res);
    if (target.dir && !pathname.endsWith('/'))
      return sendText(res, 301, '', { Location: `${samePath(pathname)}/${search}` });
    const file = target.dir ? join(target.file, 'index.html') : target.file;
    if (/\.html?$/i.test(file)) {
      try {
        return sendHtml(req, res, 200, file);
      } catch {
        return notFound(req, res);
      }
    }
    files(req, res);
  };
}
