// The required work: what every cold build must do on top of the floor, and no cache can spare it
// (nothing is cached yet). Reading the size of every distinct PNG and JPEG output (sharp, from its
// header; `--webp`: a lossless WebP attempt too, as `images.webp` makes) and shiki highlighting
// of every code cell in the two themes,
// with the build's own functions, spread over all cores like the build. Nothing else: no
// markdown, math, pages, feeds or files. A build cannot be faster than this on the same machine.
// Notebooks and images with the same bytes count once, as the build renders them once.
// Run as a child process: node required.js IN_DIR [--webp]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const withWebp = process.argv.includes('--webp') || workerData?.webp === true;
const text = (v) => (Array.isArray(v) ? v.join('') : String(v ?? ''));
const RASTER = ['image/png', 'image/jpeg'];

async function work(files) {
  const { measureImage, webpIfSmaller } = await import('../../dist/io/images.js');
  const { loadHighlighter } = await import('../../dist/render/highlight.js');
  const { createHighlight } = await import('../../dist/render/context.js');
  const { notebookLanguage } = await import('../../dist/notebook/language.js');
  const highlight = createHighlight(await loadHighlighter());
  const images = new Map();
  let cells = 0;
  for (const file of files) {
    const nb = JSON.parse(readFileSync(file, 'utf8'));
    const language = notebookLanguage(nb.metadata ?? {});
    for (const cell of nb.cells ?? []) {
      if (cell.cell_type !== 'code') continue;
      highlight(text(cell.source), language);
      cells++;
      for (const o of cell.outputs ?? []) {
        for (const mime of RASTER) {
          const bytes = o.data?.[mime] && Buffer.from(text(o.data[mime]), 'base64');
          if (bytes) images.set(createHash('sha256').update(bytes).digest('hex'), bytes);
        }
      }
    }
  }
  // Four images at a time, as the build's image stage runs them (one libvips thread each).
  const todo = [...images.values()];
  let next = 0;
  let webps = 0;
  const lane = async () => {
    for (let i = next++; i < todo.length; i = next++) {
      const size = await measureImage(todo[i]);
      if (withWebp && (await webpIfSmaller(todo[i], size))) webps++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return { cells, images: todo.length, webps };
}

if (isMainThread) {
  const inDir = process.argv[2];
  const seen = new Set();
  const files = [];
  for (const entry of readdirSync(inDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ipynb')) continue;
    const file = join(entry.parentPath, entry.name);
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (!seen.has(hash)) files.push(file);
    seen.add(hash);
  }
  const threads = Math.max(1, Math.min(availableParallelism(), files.length));
  const results = await Promise.all(
    Array.from(
      { length: threads },
      (_, t) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), {
            workerData: { files: files.filter((_, i) => i % threads === t), webp: withWebp },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const sum = (k) => results.reduce((n, r) => n + r[k], 0);
  console.log(
    `${files.length} distinct notebooks, ${sum('cells')} code cells, ${sum('images')} images, ${sum('webps')} WebP copies smaller`,
  );
} else {
  parentPort.postMessage(await work(workerData.files));
}
