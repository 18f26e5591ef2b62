// Building `Diagnostic` values for one notebook: every one names the branch and path, and
// cell-level ones the cell, so a reader can find the problem (the report prints them before the
// message).
import type { RuleId } from '../rules.js';
import type { Diagnostic, Severity } from '../types.js';

/** Which notebook is being looked at. */
export interface NotebookPlace {
  readonly branch: string;
  readonly path: string;
}

export interface DiagnosticSpec {
  readonly rule: RuleId;
  readonly message: string;
  readonly hint?: string;
  readonly cell?: number | string;
  readonly severity?: Severity;
}

/** A diagnostic for `place`; severity defaults to `warning`. */
export function diagnose(place: NotebookPlace, spec: DiagnosticSpec): Diagnostic {
  return {
    rule: spec.rule,
    severity: spec.severity ?? 'warning',
    branch: place.branch,
    path: place.path,
    ...(spec.cell === undefined ? {} : { cell: spec.cell }),
    message: spec.message,
    ...(spec.hint === undefined ? {} : { hint: spec.hint }),
  };
}

/** Hint for schema problems that Jupyter's own tools repair. */
export function repairHint(path: string): string {
  return `Open and save the notebook in JupyterLab, or run \`jupyter nbconvert --to notebook --inplace "${path}"\`, which rewrites it in the current nbformat.`;
}

/** Hint for missing or duplicate cell ids, which nbformat's reader repairs. */
export function idHint(path: string): string {
  return (
    `Run \`jupyter nbconvert --to notebook --inplace "${path}"\` (nbformat's reader, like ` +
    `\`nbformat.validator.normalize\`, adds missing ids and renames duplicates) or re-save it in JupyterLab; ` +
    `binderpress uses \`cell-{index}\` meanwhile.`
  );
}
