// Test-only: real parsers and validators for feeds, run as child processes on files in a temp
// folder. Debian's feedparser and lxml are reached through /usr/bin/python3 (the python3 first on
// PATH may not see Debian's modules); xmllint from libxml2-utils; jing reads .rnc with -c.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON = '/usr/bin/python3';

export interface ParsedEntry {
  id: string | null;
  title: string | null;
  title_type: string | null;
  link: string | null;
  links: { rel: string; href: string; type?: string; title?: string }[];
  summary: string | null;
  summary_type: string | null;
  content: { type: string; value: string }[];
  published: string | null;
  updated: string | null;
  authors: { name?: string; email?: string; href?: string }[];
  tags: string[];
  thumbnails: string[];
}

export interface ParsedFeed {
  bozo: number;
  bozo_exception: string | null;
  version: string;
  title: string | null;
  subtitle: string | null;
  link: string | null;
  links: { rel: string; href: string; type?: string }[];
  updated: string | null;
  language: string | null;
  entries: ParsedEntry[];
}

const FEEDPARSER_SCRIPT = `
import json, sys, feedparser
out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    f = d.feed
    def ts(e, key):
        t = e.get(key + '_parsed')
        return None if t is None else '%04d-%02d-%02dT%02d:%02d:%02dZ' % tuple(t[:6])
    out.append({
        'bozo': int(bool(d.bozo)),
        'bozo_exception': None if not d.bozo else repr(d.get('bozo_exception')),
        'version': d.version,
        'title': f.get('title'), 'subtitle': f.get('subtitle'), 'link': f.get('link'),
        'links': f.get('links', []), 'updated': ts(f, 'updated'), 'language': f.get('language'),
        'entries': [{
            'id': e.get('id'), 'title': e.get('title'),
            'title_type': e.get('title_detail', {}).get('type'),
            'link': e.get('link'), 'links': e.get('links', []),
            'summary': e.get('summary'), 'summary_type': e.get('summary_detail', {}).get('type'),
            'content': [{'type': c.get('type'), 'value': c.get('value')} for c in e.get('content', [])],
            'published': ts(e, 'published'), 'updated': ts(e, 'updated'),
            'authors': e.get('authors', []), 'tags': [t.get('term') for t in e.get('tags', [])],
            'thumbnails': [t.get('url') for t in e.get('media_thumbnail', [])],
        } for e in d.entries],
    })
json.dump(out, sys.stdout)
`;

const XSLT_SCRIPT = `
import sys
from lxml import etree
xslt = etree.XSLT(etree.parse(sys.argv[1]))
sys.stdout.write(str(xslt(etree.parse(sys.argv[2]))))
`;

function run(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Writes `files` into a fresh temp folder, calls `fn` with their paths, removes the folder. */
function withFiles<T>(files: Record<string, string>, fn: (paths: Record<string, string>) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bp-'));
  try {
    const paths: Record<string, string> = {};
    for (const [name, text] of Object.entries(files)) {
      paths[name] = join(dir, name);
      writeFileSync(paths[name] as string, text);
    }
    return fn(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses each document with Debian's feedparser. */
export function feedparse(...documents: string[]): ParsedFeed[] {
  const files = Object.fromEntries(documents.map((doc, i) => [`feed-${i}.xml`, doc]));
  return withFiles(files, (paths) => {
    const result = run(PYTHON, ['-c', FEEDPARSER_SCRIPT, ...Object.values(paths)]);
    if (result.status !== 0) throw new Error(`feedparser failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as ParsedFeed[];
  });
}

/** `xmllint --noout`: '' when well-formed, else its messages. */
export function xmllint(document: string): string {
  return withFiles({ 'doc.xml': document }, (paths) => {
    const result = run('xmllint', ['--noout', paths['doc.xml'] as string]);
    return result.status === 0 ? '' : result.stderr || `xmllint exited ${result.status}`;
  });
}

/**
 * Validates documents with jing against a RELAX NG compact schema, in one run (the JVM starts
 * once): for each document, '' when valid, else its errors.
 */
export function jing(schemaPath: string, ...documents: string[]): string[] {
  const files = Object.fromEntries(documents.map((doc, i) => [`doc-${i}.xml`, doc]));
  return withFiles(files, (paths) => {
    const list = Object.values(paths);
    const result = run('jing', ['-c', schemaPath, ...list]);
    const lines = `${result.stdout}${result.stderr}`.split('\n').filter((l) => l.trim() && !l.startsWith('[warning]'));
    const perDoc = list.map((path) => lines.filter((l) => l.startsWith(`${path}:`)).join('\n'));
    const unattributed = lines.filter((l) => !list.some((path) => l.startsWith(`${path}:`)));
    if (unattributed.length > 0 || (result.status !== 0 && perDoc.every((e) => !e))) {
      throw new Error(`jing failed: ${unattributed.join('\n') || `exit ${result.status}`}`);
    }
    return perDoc;
  });
}

/** Applies an XSLT 1.0 stylesheet with libxslt (Debian's python3-lxml); returns the output. */
export function xslt(stylesheetPath: string, document: string): string {
  return withFiles({ 'doc.xml': document }, (paths) => {
    const result = run(PYTHON, ['-c', XSLT_SCRIPT, stylesheetPath, paths['doc.xml'] as string]);
    if (result.status !== 0) throw new Error(`xslt failed: ${result.stderr}`);
    return result.stdout;
  });
}
