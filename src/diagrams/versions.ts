// Versions of the renderers that run in the diagram worker, read from their package.json files:
// cache keys need them on the build's thread, which never loads vega itself (≈0.7 s).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type VegaKind = 'vega' | 'vega-lite';

const require = createRequire(import.meta.url);
const versions = new Map<string, string>(); // read once: installed packages do not change while the process runs

/** The installed version of a package whose main file sits in its `build/` folder. */
function installedVersion(name: 'vega' | 'vega-lite'): string {
  if (!versions.has(name)) {
    const pkg = JSON.parse(readFileSync(join(dirname(require.resolve(name)), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    versions.set(name, pkg.version);
  }
  return versions.get(name)!;
}

/** Renderer id for cache keys. */
export function vegaVersion(kind: VegaKind): string {
  return kind === 'vega'
    ? `vega ${installedVersion('vega')}`
    : `vega-lite ${installedVersion('vega-lite')}, vega ${installedVersion('vega')}`;
}
