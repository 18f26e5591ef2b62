// Lists of diagnostics: the same problem found twice reported once, a problem several builds share
// grouped under all of them, and the config's rule levels applied. Pure; used by the build and
// the report.
import type { RuleLevel } from './config.js';
import type { RuleId } from './rules.js';
import type { Diagnostic } from './types.js';

export interface DiagnosticGroup {
  readonly diagnostic: Diagnostic;
  /** Every build the problem was found in, in the order first met. */
  readonly builds: string[];
}

/**
 * Groups equal diagnostics, in the order first met (the first one's hint is kept). By default two
 * are equal when rule, severity, build, path, cell and message are (the same problem found by two
 * stages); `acrossBuilds` also makes equal those that differ only in their build, as a notebook
 * copied from branch to branch has the same warnings in each.
 */
export function groupDiagnostics(
  diagnostics: readonly Diagnostic[],
  options: { acrossBuilds?: boolean } = {},
): DiagnosticGroup[] {
  const groups = new Map<string, { diagnostic: Diagnostic; builds: string[] }>();
  for (const d of diagnostics) {
    const build = options.acrossBuilds ? d.branch === '' : d.branch;
    const key = JSON.stringify([d.rule, d.severity, build, d.path, d.cell, d.message]);
    const group = groups.get(key);
    if (!group) groups.set(key, { diagnostic: d, builds: d.branch ? [d.branch] : [] });
    else if (d.branch && !group.builds.includes(d.branch)) group.builds.push(d.branch);
  }
  return [...groups.values()];
}

/** Each problem once. */
export const uniqueDiagnostics = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
  groupDiagnostics(diagnostics).map((g) => g.diagnostic);

/** The severities the config sets (`rules:`); a rule set to `off` is dropped. */
export function applyRuleLevels(
  diagnostics: readonly Diagnostic[],
  levels: Readonly<Partial<Record<RuleId, RuleLevel>>>,
): Diagnostic[] {
  if (Object.keys(levels).length === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = levels[d.rule];
    if (level === 'off') continue;
    out.push(level === undefined || level === d.severity ? d : { ...d, severity: level });
  }
  return out;
}
