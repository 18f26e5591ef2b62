// nbformat 3 rules that the upgrade to v4 would hide: worksheets, the `input` of code cells and
// the `level` of heading cells. Everything else is checked on the upgraded notebook by validateV4.
// Cell indices count across worksheets, as the upgraded notebook's cells do.
import type { Diagnostic } from '../types.js';
import { diagnose, repairHint, type NotebookPlace } from './diagnostics.js';
import { isJsonObject, isMultiline } from './json-values.js';

const V3_CELL_TYPES = new Set(['code', 'markdown', 'html', 'raw', 'heading']);

function checkV3Cell(cell: unknown, i: number, place: NotebookPlace): Diagnostic[] {
  if (!isJsonObject(cell) || !V3_CELL_TYPES.has(cell['cell_type'] as string)) return []; // reported by validateV4
  const fix = repairHint(place.path);
  const out: Diagnostic[] = [];
  if (cell['cell_type'] === 'code') {
    if (!('input' in cell))
      out.push(
        diagnose(place, {
          rule: 'cell-missing-key',
          cell: i,
          message: 'the v3 code cell has no `input`; it was read as empty',
          hint: fix,
        }),
      );
    else if (!isMultiline(cell['input']))
      out.push(
        diagnose(place, {
          rule: 'cell-invalid-key',
          cell: i,
          message: '`input` is neither a string nor a list of strings; it was read as empty',
          hint: fix,
        }),
      );
  }
  if (cell['cell_type'] === 'heading') {
    const level = cell['level'];
    if (!(Number.isInteger(level) && (level as number) >= 1))
      out.push(
        diagnose(place, {
          rule: 'cell-invalid-key',
          cell: i,
          message: 'the heading cell has no valid `level`; it was read as level 1',
          hint: fix,
        }),
      );
  }
  return out;
}

/** Diagnostics for a v3 notebook (parsed JSON, `nbformat` 3), before it is upgraded. */
export function validateV3(nb: Readonly<Record<string, unknown>>, place: NotebookPlace): Diagnostic[] {
  const fix = repairHint(place.path);
  const out: Diagnostic[] = [
    diagnose(place, {
      rule: 'notebook-old-format',
      severity: 'info',
      message: 'the notebook is in nbformat 3 (IPython 1–2); it was upgraded to nbformat 4 for rendering',
      hint: fix,
    }),
  ];
  const sheets = nb['worksheets'];
  if (!Array.isArray(sheets)) {
    const message =
      sheets === undefined
        ? 'the v3 notebook has no `worksheets`; it was read as empty'
        : '`worksheets` is not a list; the notebook was read as empty';
    out.push(
      diagnose(place, {
        rule: sheets === undefined ? 'notebook-missing-key' : 'notebook-invalid-key',
        message,
        hint: fix,
      }),
    );
    return out;
  }
  let index = 0;
  sheets.forEach((ws, w) => {
    if (!isJsonObject(ws) || !Array.isArray(ws['cells'])) {
      out.push(
        diagnose(place, {
          rule: 'notebook-invalid-key',
          message: `worksheet ${w} has no list of \`cells\`; it was skipped`,
          hint: fix,
        }),
      );
      return;
    }
    for (const cell of ws['cells']) out.push(...checkV3Cell(cell, index++, place));
  });
  return out;
}
