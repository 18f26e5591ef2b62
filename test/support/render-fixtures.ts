// Test helpers: fixture notebooks through the real parser, a `RenderEnv` for fixtures, and diagram
// lookups as the diagram stage fills them. No file system here: tests read the bytes.
import { extractMetadata } from '../../src/notebook/metadata.js';
import { parseNotebook } from '../../src/notebook/parse.js';
import type { Cell, Notebook } from '../../src/types.js';
import { assetHash } from '../../src/render/sink.js';
import type { DiagramLookup, DiagramResult, RenderEnv } from '../../src/render/types.js';

/** Notebook bytes through the real parser and metadata stage, as the build does before rendering. */
export function parseFixture(bytes: Uint8Array, path: string): { nb: Notebook; language: string } {
  const parsed = parseNotebook({ branch: 'main', path, bytes });
  if (!parsed.notebook) throw new Error(`${path}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  const { notebook, meta } = extractMetadata(parsed.notebook, path, 'main');
  return { nb: notebook, language: meta.language };
}

/** The first cell whose source contains `text`. */
export function cellWith(nb: Notebook, text: string): Cell {
  const cell = nb.cells.find((c) => c.source.includes(text));
  if (!cell) throw new Error(`no cell contains ${JSON.stringify(text)}`);
  return cell;
}

/** A render environment for a fixture at `path` on branch `main`; assets under `_assets/`. */
export function fixtureEnv(path: string, language = 'python'): RenderEnv {
  return { branch: 'main', path, language, urlFor: () => undefined, assetUrl: (name) => `_assets/${name}` };
}

/** A diagram as the diagram stage would draw it: fake SVG/PNG bytes, content-hashed names. */
export function drawnDiagram(label: string, width = 200, height = 100): DiagramResult {
  const svgBytes = new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg"><title>${label}</title></svg>`);
  const pngBytes = new TextEncoder().encode(`PNG of ${label}`);
  const svg = { name: `${assetHash(svgBytes)}.svg`, mime: 'image/svg+xml', bytes: svgBytes };
  const png = { name: `${assetHash(pngBytes)}.png`, mime: 'image/png', bytes: pngBytes };
  return { ok: true, image: { svg: svg.name, png: png.name, width, height, assets: [svg, png] } };
}

/** A diagram lookup holding the given results, keyed by kind and source. */
export function diagramLookup(
  entries: ReadonlyArray<readonly [kind: string, source: string, result: DiagramResult]>,
): DiagramLookup {
  const map = new Map(entries.map(([kind, source, result]) => [`${kind}\n${source}`, result]));
  return { get: (kind, source) => map.get(`${kind}\n${source}`) };
}
