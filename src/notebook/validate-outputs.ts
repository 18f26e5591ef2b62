// nbformat v4 output rules: stream (name, text), display_data (data, metadata), execute_result
// (+ execution_count), error (ename, evalue, traceback); MIME bundle values are multiline strings
// except for JSON MIME types (`application/json`, `application/*+json`), which may be any JSON.
import { repairHint, type DiagnosticSpec, type NotebookPlace } from './diagnostics.js';
import { isJsonObject, isMultiline } from './json-values.js';

export interface Report {
  readonly place: NotebookPlace;
  add(spec: DiagnosticSpec): void;
}

export const JSON_MIME = /^application\/(?:.*\+)?json$/;

const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  stream: ['name', 'text'],
  display_data: ['data', 'metadata'],
  execute_result: ['data', 'metadata', 'execution_count'],
  error: ['ename', 'evalue', 'traceback'],
};

/** Why `value` does not fit `key` of an output of `type`, or undefined when it does. */
function typeProblem(type: string, key: string, value: unknown): string | undefined {
  if (key === 'text' && !isMultiline(value)) return 'is neither a string nor a list of strings';
  if ((key === 'name' || key === 'ename' || key === 'evalue') && typeof value !== 'string') return 'is not a string';
  if ((key === 'data' || key === 'metadata') && !isJsonObject(value)) return 'is not an object';
  if (key === 'traceback' && !(Array.isArray(value) && value.every((v) => typeof v === 'string')))
    return 'is not a list of strings';
  if (
    key === 'execution_count' &&
    type === 'execute_result' &&
    value !== null &&
    !(Number.isInteger(value) && (value as number) >= 0)
  )
    return 'is neither null nor a non-negative integer';
  return undefined;
}

function checkBundle(data: Readonly<Record<string, unknown>>, what: string, cell: number, report: Report): void {
  for (const [mime, value] of Object.entries(data)) {
    if (JSON_MIME.test(mime) || isMultiline(value)) continue;
    report.add({
      rule: 'output-invalid-key',
      cell,
      message: `${what}: the "${mime}" value is neither a string nor a list of strings; it was dropped`,
      hint: repairHint(report.place.path),
    });
  }
}

function checkOutput(output: unknown, j: number, cell: number, report: Report): void {
  const fix = repairHint(report.place.path);
  if (!isJsonObject(output)) {
    report.add({
      rule: 'output-not-object',
      cell,
      message: `output ${j + 1} is not a JSON object; it was skipped`,
      hint: fix,
    });
    return;
  }
  const type = output['output_type'];
  const required = typeof type === 'string' ? REQUIRED[type] : undefined;
  if (!required) {
    const what = typeof type === 'string' ? `has an unknown output_type "${type}"` : 'has no `output_type`';
    report.add({ rule: 'output-unknown-type', cell, message: `output ${j + 1} ${what}; it was skipped`, hint: fix });
    return;
  }
  const what = `output ${j + 1} (${type as string})`;
  for (const key of required) {
    if (!(key in output)) {
      report.add({ rule: 'output-missing-key', cell, message: `${what} has no \`${key}\``, hint: fix });
      continue;
    }
    const problem = typeProblem(type as string, key, output[key]);
    if (problem) report.add({ rule: 'output-invalid-key', cell, message: `${what}: \`${key}\` ${problem}`, hint: fix });
  }
  const data = output['data'];
  if (isJsonObject(data)) checkBundle(data, what, cell, report);
}

/** Checks the outputs of code cell `cell`. */
export function validateOutputs(outputs: readonly unknown[], cell: number, report: Report): void {
  outputs.forEach((output, j) => {
    checkOutput(output, j, cell, report);
  });
}
