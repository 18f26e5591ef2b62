import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CODE_ROOT, codeGraphFingerprint, importedSpecifiers, moduleGraph } from './code-graph.js';
import { PASS1_ENTRIES, rendererFingerprint } from './render-cache.js';

test('importedSpecifiers: code imports, re-exports and dynamic imports; not types or packages', () => {
  const text = [
    "import { a } from './a.js';",
    "import type { T } from './types.js';",
    "import {\n  b,\n  type C,\n} from '../b.js';",
    "import './side-effect.js';",
    "export { d } from './d.js';",
    "export type { E } from './e.js';",
    "export * from './f.js';",
    "import sharp from 'sharp';",
    "const g = await import('./g.js');",
    "export const h = 'from ./not-an-import.js';",
  ].join('\n');
  assert.equal(importedSpecifiers(text).sort(), [
    '../b.js',
    './a.js',
    './d.js',
    './f.js',
    './g.js',
    './side-effect.js',
  ]);
});

// A copy of the code tree, so files can be edited without touching the project.
function copyTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-code-graph-'));
  cpSync(CODE_ROOT, join(dir, 'src'), {
    recursive: true,
    filter: (p) => !/\.test\.ts$/.test(p) && !p.includes('fixtures'),
  });
  writeFileSync(join(dir, 'package.json'), readFileSync(join(CODE_ROOT, '..', 'package.json')));
  return join(dir, 'src');
}

test('render cache key: editing any module pass 1 loads changes it, and only those', () => {
  const root = copyTree();
  try {
    const graph = moduleGraph(PASS1_ENTRIES, root);
    // The helpers pass 1 puts into cached entries (URLs, search text, title stripping, imports)
    // were outside the folders the old key hashed: they are followed now.
    for (const helper of [
      'site/paths.ts',
      'site/search-index.ts',
      'site/title-heading.ts',
      'source/environment.ts',
      'render/markdown.ts',
    ]) {
      assert.ok(graph.includes(helper), `${helper} is part of pass 1`);
    }
    const before = rendererFingerprint(root);
    assert.is(rendererFingerprint(root), before, 'stable');
    for (const name of graph) {
      const file = join(root, name);
      const original = readFileSync(file);
      appendFileSync(file, '\n// edited\n');
      assert.is.not(rendererFingerprint(root), before, `editing ${name} changes the key`);
      writeFileSync(file, original);
    }
    assert.is(rendererFingerprint(root), before, 'restored');
    // The feeds' writers are not pass 1: editing them leaves rendered notebooks cached.
    assert.not.ok(graph.includes('feeds/rss.ts'));
    appendFileSync(join(root, 'feeds/rss.ts'), '\n// edited\n');
    assert.is(rendererFingerprint(root), before);
    // A new import is followed without any list to update.
    writeFileSync(join(root, 'render/extra-helper.ts'), 'export const extra = 1;\n');
    assert.is(rendererFingerprint(root), before, 'a module nobody imports is not pass 1');
    appendFileSync(join(root, 'render/notebook.ts'), "\nimport './extra-helper.js';\n");
    const withImport = rendererFingerprint(root);
    appendFileSync(join(root, 'render/extra-helper.ts'), 'export const more = 2;\n');
    assert.is.not(rendererFingerprint(root), withImport);
  } finally {
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
});

test('codeGraphFingerprint: the version string and the package file are part of it', () => {
  const root = copyTree();
  try {
    const a = codeGraphFingerprint('v1', ['util/hash'], root);
    assert.is.not(codeGraphFingerprint('v2', ['util/hash'], root), a);
    appendFileSync(join(root, '..', 'package.json'), '\n');
    assert.is.not(codeGraphFingerprint('v1', ['util/hash'], root), a);
    assert.throws(() => moduleGraph(['no/such-module'], root), /no module no\/such-module/);
  } finally {
    rmSync(join(root, '..'), { recursive: true, force: true });
  }
});

test.run();
