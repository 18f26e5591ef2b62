// Compares two built sites file by file (the marker, which records the build's manifest, aside).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';

/** Every file of a site folder but its marker, by relative path, sorted. */
function siteFiles(dir: string): Map<string, Buffer> {
  const names = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
  return new Map(
    names
      .filter((n) => n !== '.binderpress-site')
      .sort()
      .map((n) => [n, readFileSync(join(dir, n))]),
  );
}

/** The two sites hold the same files with the same bytes. */
export function assertSameSite(a: string, b: string): void {
  const x = siteFiles(a);
  const y = siteFiles(b);
  assert.equal([...y.keys()], [...x.keys()], 'same file list');
  for (const [name, bytes] of x) assert.ok(bytes.equals(y.get(name) as Buffer), `${name} identical`);
}
