// The Debian packages the tests need (scripts/debian-packages.txt): which are missing, and
// installing them when this process may (root, apt-get present). Used by `npm test`, so the
// README's one test command works on a fresh machine, not only under `.ci/run`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const listFile = fileURLToPath(new URL('./debian-packages.txt', import.meta.url));

export function requiredPackages() {
  return readFileSync(listFile, 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/** Packages dpkg does not list as installed (all of them when there is no dpkg). */
export function missingPackages(packages = requiredPackages()) {
  return packages.filter((p) => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

const canInstall = () =>
  process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Installs what is missing when it can. Returns the packages still missing and, for those, the
 * command that installs them.
 */
export function ensurePackages(packages = requiredPackages(), log = console.error) {
  let missing = missingPackages(packages);
  if (missing.length === 0) return { missing, command: '' };
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!canInstall()) return { missing, command };
  log(`Installing the Debian packages the tests need: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (update.status === 0) {
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  }
  missing = missingPackages(missing);
  return { missing, command: missing.length ? command : '' };
}
