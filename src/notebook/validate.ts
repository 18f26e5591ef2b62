// Checks a parsed notebook against the nbformat JSON schemas (v4.0–4.5, v3): required keys and
// their types, cell and output shapes, cell ids from 4.5. Only diagnostics come out; reading is
// left to normalize.ts, which is lenient in the same places (defaults, skipped cells/outputs).
import type { Diagnostic } from '../types.js';
import { diagnose, idHint, repairHint, type DiagnosticSpec, type NotebookPlace } from './diagnostics.js';
import { isJsonObject, isMultiline } from './json-values.js';
import { validateOutputs, type Report } from './validate-outputs.js';

export { validateV3 } from './validate-v3.js';

type Json = Readonly<Record<string, unknown>>;

const CELL_TYPES = ['code', 'markdown', 'raw'] as const;
const CELL_ID = /^[a-zA-Z0-9_-]{1,64}$/;
/** Per rule, cell diagnostics beyond this many are summed up in one. */
const MAX_PER_RULE = 5;

export function isValidCellId(id: unknown): id is string {
  return typeof id === 'string' && CELL_ID.test(id);
}

function checkTopLevel(nb: Json, report: Report): void {
  const fix = repairHint(report.place.path);
  for (const key of ['metadata', 'nbformat_minor', 'cells'] as const) {
    if (!(key in nb))
      report.add({ rule: 'notebook-missing-key', message: `the notebook has no \`${key}\``, hint: fix });
  }
  if ('metadata' in nb && !isJsonObject(nb['metadata']))
    report.add({ rule: 'notebook-invalid-key', message: '`metadata` is not an object; it was ignored', hint: fix });
  const minor = nb['nbformat_minor'];
  if ('nbformat_minor' in nb && !(Number.isInteger(minor) && (minor as number) >= 0))
    report.add({ rule: 'notebook-invalid-key', message: '`nbformat_minor` is not a non-negative integer', hint: fix });
  if ('cells' in nb && !Array.isArray(nb['cells']))
    report.add({
      rule: 'notebook-invalid-key',
      message: '`cells` is not a list; the notebook was read as empty',
      hint: fix,
    });
}

function checkCommon(cell: Json, i: number, report: Report): void {
  const fix = repairHint(report.place.path);
  if (!('metadata' in cell))
    report.add({ rule: 'cell-missing-key', cell: i, message: 'the cell has no `metadata`', hint: fix });
  else if (!isJsonObject(cell['metadata']))
    report.add({
      rule: 'cell-invalid-key',
      cell: i,
      message: '`metadata` is not an object; it was ignored',
      hint: fix,
    });
  if (!('source' in cell))
    report.add({
      rule: 'cell-missing-key',
      cell: i,
      message: 'the cell has no `source`; it was read as empty',
      hint: fix,
    });
  else if (!isMultiline(cell['source']))
    report.add({
      rule: 'cell-invalid-key',
      cell: i,
      message: '`source` is neither a string nor a list of strings; it was read as empty',
      hint: fix,
    });
  const tags = isJsonObject(cell['metadata']) ? cell['metadata']['tags'] : undefined;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string')))
    report.add({
      rule: 'cell-invalid-key',
      cell: i,
      message: '`metadata.tags` is not a list of strings',
      hint: 'Write cell tags as a list of strings, e.g. `"tags": ["hide-input"]`.',
    });
}

function checkCode(cell: Json, i: number, report: Report): void {
  const fix = repairHint(report.place.path);
  const count = cell['execution_count'];
  if (!('execution_count' in cell))
    report.add({
      rule: 'cell-missing-execution-count',
      cell: i,
      message: 'the code cell has no `execution_count` (null when it was not run)',
      hint: fix,
    });
  else if (count !== null && !(Number.isInteger(count) && (count as number) >= 0))
    report.add({
      rule: 'cell-invalid-key',
      cell: i,
      message: '`execution_count` is neither null nor a non-negative integer; it was read as null',
      hint: fix,
    });
  const outputs = cell['outputs'];
  if (outputs === undefined)
    report.add({
      rule: 'cell-missing-key',
      cell: i,
      message: 'the code cell has no `outputs`; it was read without outputs',
      hint: fix,
    });
  else if (typeof outputs === 'string')
    report.add({
      rule: 'output-not-list',
      cell: i,
      message: '`outputs` is a string, not a list of outputs; the outputs were dropped',
      hint: fix,
    });
  else if (!Array.isArray(outputs))
    report.add({
      rule: 'cell-invalid-key',
      cell: i,
      message: '`outputs` is not a list; the outputs were dropped',
      hint: fix,
    });
  else validateOutputs(outputs, i, report);
}

function checkIds(cells: readonly unknown[], report: Report): void {
  const seen = new Map<string, number>();
  const missing: number[] = [];
  cells.forEach((cell, i) => {
    if (!isJsonObject(cell)) return;
    const id = cell['id'];
    if (id === undefined) missing.push(i);
    else if (!isValidCellId(id)) {
      report.add({
        rule: 'cell-id-invalid',
        cell: i,
        message: `the cell id ${JSON.stringify(id)} is not 1–64 characters of letters, digits, "-" and "_"`,
        hint: 'Change the id in the notebook JSON to 1–64 characters of [a-zA-Z0-9-_]; binderpress uses `cell-{index}` meanwhile.',
      });
    } else if (seen.has(id)) {
      report.add({
        rule: 'cell-id-duplicate',
        cell: i,
        message: `the cell id "${id}" is already used by cell ${(seen.get(id) ?? 0) + 1}`,
        hint: idHint(report.place.path),
      });
    } else seen.set(id, i);
  });
  // One line for the notebook: a tool that writes nbformat 4.5 without ids leaves out every one.
  if (missing.length === 0) return;
  const hint = idHint(report.place.path);
  const countable = cells.filter(isJsonObject).length;
  if (missing.length === 1)
    report.add({
      rule: 'cell-id-missing',
      cell: missing[0],
      message: 'the cell has no `id` (required since nbformat 4.5)',
      hint,
    });
  else if (missing.length === countable)
    report.add({
      rule: 'cell-id-missing',
      message: `none of the ${missing.length} cells has an \`id\` (required since nbformat 4.5)`,
      hint,
    });
  else {
    const listed =
      missing
        .slice(0, 20)
        .map((i) => i + 1)
        .join(', ') + (missing.length > 20 ? ', …' : '');
    report.add({
      rule: 'cell-id-missing',
      cell: missing[0],
      message: `${missing.length} cells have no \`id\` (required since nbformat 4.5): cells ${listed}`,
      hint,
    });
  }
}

function checkCell(cell: unknown, i: number, report: Report): void {
  if (!isJsonObject(cell)) {
    report.add({
      rule: 'cell-not-object',
      cell: i,
      message: 'the cell is not a JSON object; it was skipped',
      hint: repairHint(report.place.path),
    });
    return;
  }
  const type = cell['cell_type'];
  if (!CELL_TYPES.includes(type as (typeof CELL_TYPES)[number])) {
    const what = typeof type === 'string' ? `has an unknown cell_type "${type}"` : 'has no `cell_type`';
    report.add({
      rule: 'cell-unknown-type',
      cell: i,
      message: `the cell ${what}; it was skipped`,
      hint: 'Use one of "code", "markdown" or "raw" as `cell_type`.',
    });
    return;
  }
  checkCommon(cell, i, report);
  if (type === 'code') checkCode(cell, i, report);
}

/** Collects diagnostics, summing up a rule's cell diagnostics beyond MAX_PER_RULE. */
function makeReport(place: NotebookPlace): Report & { finish(): Diagnostic[] } {
  const kept: Diagnostic[] = [];
  const extra = new Map<string, DiagnosticSpec[]>();
  const count = new Map<string, number>();
  return {
    place,
    add(spec) {
      const n = (count.get(spec.rule) ?? 0) + 1;
      count.set(spec.rule, n);
      if (spec.cell === undefined || n <= MAX_PER_RULE) kept.push(diagnose(place, spec));
      else extra.set(spec.rule, [...(extra.get(spec.rule) ?? []), spec]);
    },
    finish() {
      for (const [rule, more] of extra) {
        const listed = more
          .slice(0, 20)
          .map((d) => (typeof d.cell === 'number' ? d.cell + 1 : d.cell))
          .join(', ');
        const cells = more.length > 20 ? `${listed}, …` : listed;
        const first = more[0] as DiagnosticSpec;
        kept.push(
          diagnose(place, {
            ...first,
            message: `${more.length} more cells have the same problem (${rule}): cells ${cells}`,
          }),
        );
      }
      return kept;
    },
  };
}

/** Schema diagnostics for a v4 notebook (parsed JSON, `nbformat` 4). */
export function validateV4(nb: Json, place: NotebookPlace): Diagnostic[] {
  const report = makeReport(place);
  checkTopLevel(nb, report);
  const cells = Array.isArray(nb['cells']) ? nb['cells'] : [];
  cells.forEach((cell, i) => {
    checkCell(cell, i, report);
  });
  const minor = nb['nbformat_minor'];
  if (typeof minor === 'number' && minor >= 5) checkIds(cells, report);
  return report.finish();
}
