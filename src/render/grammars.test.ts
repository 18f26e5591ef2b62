import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { bundledLanguagesInfo } from 'shiki/langs';
import type { LanguageRegistration } from 'shiki/core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HIGHLIGHT_LANGUAGES, bundledName } from './grammars.js';

test('the bundle names and aliases exactly the grammars its modules hold, embedded ones too', async () => {
  const modules = await Promise.all(
    HIGHLIGHT_LANGUAGES.map((l) => import(`shiki/langs/${l}.mjs`) as Promise<{ default: LanguageRegistration[] }>),
  );
  const expected = new Map<string, string>();
  for (const r of modules.flatMap((m) => m.default)) {
    for (const name of [r.name, ...(r.aliases ?? [])]) if (!expected.has(name)) expected.set(name, r.name);
  }
  assert.ok(
    expected.has('tex') && expected.has('sh') && expected.has('c++'),
    'embedded grammars and aliases are part of it',
  );
  // Every language and alias shiki knows: in the bundle exactly when its modules hold it.
  const known = new Set([...expected.keys(), ...bundledLanguagesInfo.flatMap((l) => [l.id, ...(l.aliases ?? [])])]);
  assert.ok(known.size > 300);
  for (const name of known) assert.is(bundledName(name), expected.get(name), name);
});

/** What a fresh thread loads to render the notebook at `path`. */
function renderInThread(path: string): Promise<{ language: string; grammars: string[]; highlighted: number }> {
  const api = import.meta.resolve('tsx/esm/api');
  const file = new URL('../../test/support/grammar-thread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: { path } });
  return new Promise((resolve, reject) => {
    worker.once('message', (m) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', reject);
  });
}

const real = (name: string) => fileURLToPath(new URL(`../../test/fixtures/real/${name}`, import.meta.url));

test('a thread that renders a Python-only notebook loads the Python grammar, not Julia nor the rest', async () => {
  const { language, grammars, highlighted } = await renderInThread(real('mystmd-interactive-notebooks.ipynb'));
  assert.is(language, 'python');
  assert.ok(highlighted > 20, `its code is highlighted (${highlighted} tokens)`);
  assert.equal(grammars, ['python']);
});

test('a Python notebook with a Julia fence in its prose loads Julia (and what Julia embeds) in its thread', async () => {
  const { grammars } = await renderInThread(real('fastpages-2020-09-01-fastcore.ipynb'));
  assert.ok(grammars.includes('python') && grammars.includes('julia'), grammars.join());
  assert.not.ok(grammars.includes('markdown') || grammars.includes('latex'), grammars.join());
});

test.run();
