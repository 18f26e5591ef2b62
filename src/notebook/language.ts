// The code language of a notebook, from its metadata.
import { isJsonObject } from './json-values.js';

function stringAt(value: unknown, key: string): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const found = value[key];
  return typeof found === 'string' && found.trim() !== '' ? found.trim().toLowerCase() : undefined;
}

/** `kernelspec.language`, else `language_info.name`, else `python`; lower case. */
export function notebookLanguage(metadata: Readonly<Record<string, unknown>>): string {
  return stringAt(metadata['kernelspec'], 'language') ?? stringAt(metadata['language_info'], 'name') ?? 'python';
}
