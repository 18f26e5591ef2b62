// Limits on a notebook's shape, applied right after its JSON is parsed. JSON.parse copes with any
// depth, but what comes after it does not: structured cloning to a render worker and
// JSON.stringify for the render cache overflowed the stack at 5,000 levels of `[`.
import type { Diagnostic } from '../types.js';
import { diagnose, type NotebookPlace } from './diagnostics.js';
import type { JsonRecord } from './json-values.js';

/** Largest notebook file read (bytes): GitHub refuses files over 100 MB. */
export const MAX_NOTEBOOK_BYTES = 100 * 1024 * 1024;
/** Deepest JSON nesting kept, from the notebook's root; real notebooks (vega specs included) stay under 40. */
export const MAX_JSON_DEPTH = 256;
/** Most cells rendered; the rest of a longer notebook is cut (a long real notebook has a few hundred). */
export const MAX_CELLS = 10_000;

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => value !== null && typeof value === 'object';

/** The cell (index in `cells`) a path from the root lies in, for nbformat 4; `undefined` elsewhere. */
function cellOf(
  key: string | number,
  parentCell: number | undefined,
  depth: number,
  inCells: boolean,
): number | undefined {
  if (depth === 1 && inCells && typeof key === 'number') return key;
  return parentCell;
}

/**
 * Cuts every array or object nested deeper than `MAX_JSON_DEPTH` to an empty one, in place,
 * iteratively; one `notebook-too-deep` warning per cell it cut in (or for the notebook).
 */
export function limitDepth(nb: JsonRecord, place: NotebookPlace): Diagnostic[] {
  const cut = new Set<number | undefined>();
  const stack: { node: Container; depth: number; cell: number | undefined; cells: boolean }[] = [
    { node: nb as Container, depth: 0, cell: undefined, cells: false },
  ];
  while (stack.length > 0) {
    const { node, depth, cell, cells } = stack.pop()!;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (!isContainer(child)) continue;
      const childCell = cellOf(key, cell, depth, cells);
      if (depth + 1 >= MAX_JSON_DEPTH) {
        (node as Record<string | number, unknown>)[key] = Array.isArray(child) ? [] : {};
        cut.add(childCell);
      } else stack.push({ node: child, depth: depth + 1, cell: childCell, cells: depth === 0 && key === 'cells' });
    }
  }
  return [...cut].map((cell) =>
    diagnose(place, {
      rule: 'notebook-too-deep',
      ...(cell === undefined ? {} : { cell }),
      message: `${cell === undefined ? 'the notebook' : `cell ${cell + 1}`} holds JSON nested over ${MAX_JSON_DEPTH} levels deep; what lies deeper was left out`,
      hint: 'Clear the outputs or metadata that hold such deep data (`jupyter nbconvert --clear-output --inplace`), or flatten it.',
    }),
  );
}

/** Cuts a notebook's `cells` to `MAX_CELLS`, in place, with a warning when it does. */
export function limitCells(nb: JsonRecord, place: NotebookPlace): Diagnostic[] {
  const cells = nb['cells'];
  if (!Array.isArray(cells) || cells.length <= MAX_CELLS) return [];
  const total = cells.length;
  cells.length = MAX_CELLS;
  return [
    diagnose(place, {
      rule: 'notebook-too-many-cells',
      message: `the notebook has ${total} cells; only the first ${MAX_CELLS} are shown`,
      hint: 'Split the notebook into several.',
    }),
  ];
}

/** An error for a notebook file over `MAX_NOTEBOOK_BYTES`, which is not read. */
export function tooLarge(bytes: number, place: NotebookPlace): Diagnostic | undefined {
  if (bytes <= MAX_NOTEBOOK_BYTES) return undefined;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return diagnose(place, {
    rule: 'notebook-too-large',
    severity: 'error',
    message: `the notebook is ${mb(bytes)}, over the limit of ${mb(MAX_NOTEBOOK_BYTES)}; it was left out`,
    hint: 'Clear its outputs (`jupyter nbconvert --clear-output --inplace`) or move large data into files beside it.',
  });
}
