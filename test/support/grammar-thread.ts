// A thread that renders one notebook with a fresh render context, as a render worker does, and
// answers with the grammars it loaded on the way.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createRenderContext } from '../../src/render/context.js';
import { loadedGrammars } from '../../src/render/grammars.js';
import { renderNotebook } from '../../src/render/notebook.js';
import { fixtureEnv, parseFixture } from './render-fixtures.js';

const { path } = workerData as { path: string };
const { nb, language } = parseFixture(readFileSync(path), path);
const html = renderNotebook(nb, fixtureEnv(path, language), await createRenderContext()).html;
parentPort?.postMessage({
  language,
  grammars: loadedGrammars(),
  highlighted: (html.match(/<span style="color:/g) ?? []).length,
});
