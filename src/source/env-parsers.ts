// Readers for repo2docker's environment files. Pure and forgiving: each returns what it could
// understand, plus `opaque` when the file installs things that cannot be named from its text
// (`-r other.txt`, `pip install .`, a setup.py), and `error` when the file cannot be parsed.
import { readYaml } from '../util/yaml.js';

export interface Parsed {
  readonly packages: string[];
  /** Installs more than `packages` names (so "not installed" cannot be known). */
  readonly opaque: boolean;
  readonly python?: string;
  readonly error?: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/** The distribution named by one requirement spec (`pkg[extra]>=1; marker`, `name @ url`, `…#egg=name`). */
export function requirementName(spec: string): string | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(spec);
  if (egg) return egg[1];
  const name = NAME.exec(spec)?.[0];
  const rest = name === undefined ? '' : spec.slice(name.length).trimStart();
  if (name && /^(?:\[[^\]]*\]\s*)?@/.test(rest)) return name; // `name @ url`, `name[extra] @ url`
  if (/^(?:[a-z+]+:\/\/|\.|\/|~)/i.test(spec) || /\.(?:whl|tar\.gz|zip)$/i.test(spec)) return undefined;
  if (!name) return undefined;
  return rest === '' || /^(?:[[<>=~;(,]|!=)/.test(rest) ? name : undefined;
}

function stripComment(line: string): string {
  return line.replace(/(?:^|\s)#.*$/, '').trim();
}

/** pip requirement lines (requirements.txt, environment.yml `pip:`). `-r` files are not followed. */
export function parseRequirements(text: string): Parsed {
  const packages: string[] = [];
  let opaque = false;
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = stripComment(raw);
    if (!line) continue;
    const option = /^(-[a-zA-Z]|--[a-z-]+)(?:[=\s]\s*(.*))?$/.exec(line);
    if (option) {
      const [, flag = '', value = ''] = option;
      if (flag === '-r' || flag === '--requirement') opaque = true;
      if (flag === '-e' || flag === '--editable') {
        const name = requirementName(value);
        if (name) packages.push(name);
        else opaque = true;
      }
      continue;
    }
    const name = requirementName(line);
    if (name) packages.push(name);
    else opaque = true;
  }
  return { packages, opaque };
}

/** `python-3.10` → python; `r-4.1-2022-01-01` / `r-2022-01-01` → R version and snapshot date. */
export function parseRuntime(text: string): { python?: string; r?: string; rSnapshot?: string } {
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  const python = /^python-(\d+(?:\.\d+)*)$/.exec(line);
  if (python) return { python: python[1] as string };
  const r = /^r-(?:(\d+(?:\.\d+)*)-)?(\d{4}-\d{2}-\d{2})$/.exec(line);
  if (!r) return {};
  return r[1] ? { r: r[1], rSnapshot: r[2] as string } : { rSnapshot: r[2] as string };
}

/** A conda spec's package name: `conda-forge::numpy=1.2` → `numpy`. */
function condaName(spec: string): string | undefined {
  const bare = spec.trim().replace(/^[^\s:]+::/, '');
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*/.exec(bare)?.[0];
}

/** environment.yml: conda dependencies, their nested `pip:` list, and the Python pin (repo2docker's rule). */
export function parseEnvironmentYml(text: string): Parsed {
  const read = readYaml(text);
  if (!read.ok)
    return {
      packages: [],
      opaque: true,
      error: read.limit ? `not read: ${read.reason}` : `not valid YAML: ${read.reason}`,
    };
  const doc = read.value;
  const deps = (doc as { dependencies?: unknown } | null)?.dependencies;
  if (doc !== null && doc !== undefined && typeof doc !== 'object')
    return { packages: [], opaque: true, error: 'not a YAML mapping' };
  const packages: string[] = [];
  let opaque = false;
  let python: string | undefined;
  for (const dep of Array.isArray(deps) ? deps : []) {
    if (typeof dep === 'string') {
      const pin = /^(?:[^\s:]+::)?python\s*=+\s*([\d.]*)/.exec(dep.trim());
      if (pin) python = (pin[1] as string).replace(/\.$/, '') || python;
      const name = condaName(dep);
      if (name && name !== 'python') packages.push(name);
    } else if (dep && typeof dep === 'object' && Array.isArray((dep as { pip?: unknown }).pip)) {
      const pip = parseRequirements((dep as { pip: unknown[] }).pip.filter((x) => typeof x === 'string').join('\n'));
      packages.push(...pip.packages);
      opaque ||= pip.opaque;
    }
  }
  return python ? { packages, opaque, python } : { packages, opaque };
}

/** Keys of TOML tables (simple `key = value` lines), e.g. Pipfile `[packages]`, Project.toml `[deps]`. */
export function tomlTableKeys(
  text: string,
  tables: readonly string[],
): { keys: string[]; values: Map<string, string> } {
  const keys: string[] = [];
  const values = new Map<string, string>();
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\[?([^\]]+)\]\]?\s*(?:#.*)?$/.exec(line);
    if (header) table = (header[1] as string).trim();
    const pair = /^("?)([A-Za-z0-9_.-]+)\1\s*=\s*(.*)$/.exec(line);
    if (!header && pair) {
      if (tables.includes(table)) keys.push(pair[2] as string);
      values.set(`${table}.${pair[2] as string}`, (pair[3] as string).replace(/^["']|["']\s*(?:#.*)?$/g, ''));
    }
  }
  return { keys, values };
}

export function parsePipfile(text: string): Parsed {
  const { keys, values } = tomlTableKeys(text, ['packages', 'dev-packages']);
  const python = values.get('requires.python_version') ?? values.get('requires.python_full_version');
  return python ? { packages: keys, opaque: false, python } : { packages: keys, opaque: false };
}

export function parsePipfileLock(text: string): Parsed {
  try {
    const lock = JSON.parse(text) as {
      default?: object;
      develop?: object;
      _meta?: { requires?: { python_version?: unknown } };
    };
    const packages = [...Object.keys(lock.default ?? {}), ...Object.keys(lock.develop ?? {})];
    const python = lock._meta?.requires?.python_version;
    return typeof python === 'string' ? { packages, opaque: false, python } : { packages, opaque: false };
  } catch (error) {
    return { packages: [], opaque: true, error: `not valid JSON: ${(error as Error).message}` };
  }
}

/** pyproject.toml `[project] dependencies`. The project itself is installed too, so it is opaque. */
export function parsePyproject(text: string): Parsed {
  const project = /^\[project\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const list = /^dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(project)?.[1] ?? '';
  const packages = [...list.matchAll(/"([^"]*)"|'([^']*)'/g)]
    .map((m) => requirementName((m[1] ?? m[2] ?? '').trim()))
    .filter((name): name is string => name !== undefined);
  return { packages, opaque: true };
}
