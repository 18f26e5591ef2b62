// YAML from a repository (front matter, `_toc.yml`, `environment.yml`, the config) read so that no
// text can take the build down. The `yaml` package recurses once per nesting level: 4,000 `- ` on
// one line ran V8's regexp compiler out of memory after the stack overflow (the process aborted,
// nothing to catch), 20,000 `[` took 2.5 s; an alias cycle (`a: &a [*a]`) comes back as a JS value
// that contains itself, and an alias bomb expands exponentially. So the text is measured before
// it is parsed, aliases are counted, and the value is refused unless it is a finite tree.
import { parseDocument } from 'yaml';

/** Longest YAML text read (characters): a Jupyter Book `_toc.yml` of 1,000 entries is about 45,000. */
const MAX_YAML_CHARS = 64_000;
/** Deepest nesting read (an estimate from indentation, indicators and brackets; see `yamlNesting`). */
const MAX_YAML_NESTING = 64;
/** Aliases expanded at most (billion laughs); `yaml`'s own default is 100. */
const MAX_YAML_ALIASES = 100;

export type YamlRead =
  | { readonly ok: true; readonly value: unknown }
  /** `line` is 1-based within the text when the problem has a place. */
  | { readonly ok: false; readonly reason: string; readonly line?: number; readonly limit?: boolean };

/** An indicator that opens a level on its line: `- `, `? `, `: `, an anchor or a tag. */
const INDICATOR = /(?:^|[ \t])(?:[-?:](?=[ \t]|$)|[&!](?=\S))/g;

/**
 * An upper estimate of how deep `text` nests: per line its indentation, the block indicators and
 * node properties on it, and the flow brackets still open (quotes are not read: a bracket in a
 * string counts too, which only errs towards refusing). Linear in the text.
 */
function yamlNesting(text: string): number {
  let flow = 0;
  let deepest = 0;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    for (const c of line) {
      if (c === '[' || c === '{') deepest = Math.max(deepest, ++flow);
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === '#') break;
    }
    const indicators = line.match(INDICATOR)?.length ?? 0;
    deepest = Math.max(deepest, Math.ceil(indent / 2) + indicators + flow);
  }
  return deepest;
}

/** What keeps `value` from being a finite tree no deeper than `max` levels, if anything. Iterative. */
function treeProblem(value: unknown, max: number): string | undefined {
  const stack: { node: unknown; depth: number; ancestors: Set<unknown> }[] = [
    { node: value, depth: 0, ancestors: new Set() },
  ];
  while (stack.length > 0) {
    const { node, depth, ancestors } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (ancestors.has(node)) return 'an alias refers to a node that contains it (the value would contain itself)';
    if (depth > max) return `its aliases nest it over ${max} levels deep`;
    const inner = new Set(ancestors).add(node);
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1, ancestors: inner });
  }
  return undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Parses one YAML document; never throws, never hangs (see the limits above). */
export function readYaml(text: string, maxAliasCount = MAX_YAML_ALIASES): YamlRead {
  if (text.length > MAX_YAML_CHARS)
    return {
      ok: false,
      limit: true,
      reason: `it is ${text.length} characters long, over the limit of ${MAX_YAML_CHARS}`,
    };
  const nesting = yamlNesting(text);
  if (nesting > MAX_YAML_NESTING)
    return {
      ok: false,
      limit: true,
      reason: `it nests about ${nesting} levels deep, over the limit of ${MAX_YAML_NESTING}`,
    };
  try {
    // Pretty errors quote the text around every error, which made many errors quadratic.
    const doc = parseDocument(text, { prettyErrors: false });
    const error = doc.errors[0];
    if (error) return { ok: false, reason: error.message.split('\n')[0] ?? '', line: lineOf(text, error.pos[0]) };
    const value = doc.toJS({ maxAliasCount }) as unknown;
    const problem = treeProblem(value, MAX_YAML_NESTING);
    if (problem !== undefined) return { ok: false, limit: true, reason: problem };
    return { ok: true, value };
  } catch (error) {
    // `toJS` throws on an alias bomb ("Excessive alias count …").
    return {
      ok: false,
      limit: true,
      reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    };
  }
}
