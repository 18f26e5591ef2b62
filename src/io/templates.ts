// Loads the templates: the user's folder first (any subset of the files), then ours.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TEMPLATE_FILES, type Templates } from '../site/templates.js';
import { BinderpressError } from './errors.js';

/** The project's own templates folder (beside dist/ or src/). */
export const BUILTIN_TEMPLATES = resolve(dirname(fileURLToPath(import.meta.url)), '../../templates');

/** Whether `path` is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** A template of the user's folder that is a symbolic link out of it is refused, as a theme's static files are. */
function checkInside(userDir: string, path: string): void {
  if (isInside(realpathSync(userDir), realpathSync(path))) return;
  throw new BinderpressError(`template ${path} is a symbolic link that leads outside the templates folder ${userDir}`, {
    hint: 'copy the file into the templates folder instead of linking to it',
  });
}

export async function loadTemplates(userDir?: string): Promise<Templates> {
  const entries = await Promise.all(
    (Object.keys(TEMPLATE_FILES) as (keyof Templates)[]).map(async (key) => {
      const file = TEMPLATE_FILES[key];
      const own = userDir ? join(resolve(userDir), file) : undefined;
      const path = own && existsSync(own) ? own : join(BUILTIN_TEMPLATES, file);
      if (userDir && path === own) checkInside(resolve(userDir), path);
      try {
        const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
        if (typeof mod.default !== 'function') throw new Error('it has no default-exported function');
        return [key, mod.default] as const;
      } catch (cause) {
        throw new BinderpressError(`template ${path} cannot be loaded: ${(cause as Error).message}`, {
          hint: 'a template is an ES module: `export default (data, h) => h.html`…``; compare with the built-in one in templates/',
          cause,
        });
      }
    }),
  );
  return Object.fromEntries(entries) as unknown as Templates;
}

/** Static files (CSS, JS, fonts) to copy into `_static/`: the user's folder overrides ours by name. */
export function staticDirs(userDir?: string): string[] {
  const dirs = [join(BUILTIN_TEMPLATES, 'static')];
  if (userDir && existsSync(join(resolve(userDir), 'static'))) dirs.push(join(resolve(userDir), 'static'));
  return dirs;
}
