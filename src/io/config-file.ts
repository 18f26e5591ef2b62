// Finds, reads and validates the config file. The only part of configuration that touches disk.
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { configFileSchema, formatConfigIssues, type ConfigFile } from '../config.js';
import { BinderpressError } from './errors.js';
import { readYaml } from '../util/yaml.js';

export const CONFIG_NAMES = ['binderpress.yml', 'binderpress.yaml', 'binderpress.json'];

/** Path of the config file to use: the one given, else the first of CONFIG_NAMES in `cwd`. */
export function findConfigFile(cwd: string, given?: string): string | undefined {
  if (given) {
    const path = resolve(cwd, given);
    if (!existsSync(path)) {
      throw new BinderpressError(`config file not found: ${given}`, {
        hint: `check the path given to --config, or run \`binderpress init\` to write a starter ${CONFIG_NAMES[0]}`,
      });
    }
    return path;
  }
  return CONFIG_NAMES.map((name) => resolve(cwd, name)).find((p) => existsSync(p));
}

/** The config's YAML value; throws the reason it cannot be read (a cycle, a bomb, bad syntax). */
function yamlValue(text: string): unknown {
  const read = readYaml(text);
  if (!read.ok) throw new Error(read.line === undefined ? read.reason : `${read.reason} (line ${read.line})`);
  return read.value;
}

export function loadConfigFile(path: string | undefined): ConfigFile {
  if (!path) return {};
  const name = basename(path);
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : yamlValue(text);
  } catch (error) {
    throw new BinderpressError(
      `${name} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
      {
        hint: 'fix the syntax at the position given, or start again from `binderpress init`',
        cause: error,
      },
    );
  }
  if (data === null || data === undefined) return {};
  const parsed = configFileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = formatConfigIssues(name, parsed.error);
    throw new BinderpressError(lines[0] ?? `${name} is invalid`, {
      hint: [...lines.slice(1), 'see the configuration reference in the README'].join('\n'),
    });
  }
  return parsed.data;
}
