// Every operator by name, and how a mutant is made from a seed notebook and a list of them.
import { Rng } from '../prng.js';
import { DIAGRAM_OPERATORS } from './operators-diagram.js';
import { NOTEBOOK_OPERATORS, type Apply } from './operators-notebook.js';
import type { Mutant } from './mutant.js';
import type { SeedNotebook } from './seeds.js';

/** Operators applied to one notebook's content. */
export const CONTENT_OPERATORS: Readonly<Record<string, Apply>> = { ...NOTEBOOK_OPERATORS, ...DIAGRAM_OPERATORS };

/** Operators on the repository around the notebooks (see operators-repo.ts). */
const REPO_OPERATORS = ['odd-file-name', 'long-file-name', 'odd-branch-name', 'config'] as const;

export const ALL_OPERATORS: readonly string[] = [...Object.keys(CONTENT_OPERATORS), ...REPO_OPERATORS];

/** How to make one mutant again: its seed notebook and each operator with the seed of its stream. */
export interface Recipe {
  readonly seed: string;
  readonly ops: readonly { readonly op: string; readonly seed: number }[];
}

export function unknownOperators(names: readonly string[]): string[] {
  return names.filter((n) => !ALL_OPERATORS.includes(n));
}

/** Applies the recipe's content operators, in order, to a copy of its seed notebook. */
export function applyRecipe(recipe: Recipe, seeds: readonly SeedNotebook[], path: string): Mutant {
  const seed = seeds.find((s) => s.name === recipe.seed);
  const m: Mutant = {
    nb: structuredClone(seed ? seed.nb : { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }),
    path,
    post: [],
    raw: new Map(),
  };
  for (const { op, seed: opSeed } of recipe.ops) CONTENT_OPERATORS[op]?.(m, new Rng(opSeed));
  return m;
}
