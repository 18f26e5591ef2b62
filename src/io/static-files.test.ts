import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeTempDir } from '../../test/support/git-repo.js';
import type { Diagnostic } from '../types.js';
import { staticFiles } from './static-files.js';
import { loadTemplates } from './templates.js';

/** A theme folder with a `static/` holding a stylesheet, links in and out of the theme, and a loop. */
function theme(): { dir: string; outside: string } {
  const dir = makeTempDir('bp-theme-');
  const outside = makeTempDir('bp-secret-');
  writeFileSync(join(outside, 'secret.txt'), 'TOKEN=hunter2');
  mkdirSync(join(dir, 'static', 'icons'), { recursive: true });
  mkdirSync(join(dir, 'shared'));
  writeFileSync(join(dir, 'static', 'style.css'), 'body { color: teal }');
  writeFileSync(join(dir, 'static', 'icons', 'a.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'shared', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><title>logo</title></svg>');
  symlinkSync('/etc/hostname', join(dir, 'static', 'hostname.txt'));
  symlinkSync('/proc/self/environ', join(dir, 'static', 'environ.txt'));
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'static', 'secret.txt'));
  symlinkSync(outside, join(dir, 'static', 'elsewhere'));
  symlinkSync('../../shared/logo.svg', join(dir, 'static', 'icons', 'logo.svg'));
  symlinkSync('icons', join(dir, 'static', 'more-icons'));
  symlinkSync('..', join(dir, 'static', 'icons', 'up'));
  symlinkSync('missing.css', join(dir, 'static', 'dangling.css'));
  return { dir, outside };
}

test('staticFiles: symbolic links that leave the theme folder are skipped and named; links inside it are followed', () => {
  const { dir, outside } = theme();
  const diagnostics: Diagnostic[] = [];
  const files = staticFiles(dir, diagnostics);
  const byPath = new Map(files.map((f) => [f.path, Buffer.from(f.content).toString('utf8')]));
  assert.is(byPath.get('_static/style.css'), 'body { color: teal }');
  assert.match(
    byPath.get('_static/icons/logo.svg') ?? '',
    /<title>logo<\/title>/,
    'a link to a file elsewhere in the theme',
  );
  assert.ok(byPath.has('_static/more-icons/a.svg'), 'a link to a folder of the theme');
  assert.ok(byPath.has('_static/site.js'), 'the built-in theme is still there');
  for (const path of byPath.keys()) assert.not.match(path, /hostname|environ|secret|elsewhere|dangling|\/up\//, path);
  for (const text of byPath.values()) assert.not.match(text, /hunter2|PATH=/);
  const skipped = diagnostics.map((d) => d.path.slice(dir.length + 1)).sort();
  assert.equal(skipped, [
    'static/dangling.css',
    'static/elsewhere',
    'static/environ.txt',
    'static/hostname.txt',
    'static/secret.txt',
  ]);
  for (const d of diagnostics) {
    assert.is(d.rule, 'theme-link-outside');
    assert.is(d.severity, 'warning');
    assert.match(d.message, d.path);
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

test('staticFiles: a static/ folder that is itself a link out of the theme is skipped whole', () => {
  const dir = makeTempDir('bp-theme-');
  symlinkSync('/etc', join(dir, 'static'));
  const diagnostics: Diagnostic[] = [];
  const files = staticFiles(dir, diagnostics);
  assert.not.ok(files.some((f) => f.path === '_static/hostname' || f.path === '_static/passwd'));
  assert.equal(
    diagnostics.map((d) => d.path),
    [join(dir, 'static')],
  );
  rmSync(dir, { recursive: true, force: true });
});

test('loadTemplates: a template that links out of the templates folder is refused by name', async () => {
  const dir = makeTempDir('bp-theme-');
  const outside = makeTempDir('bp-secret-');
  writeFileSync(join(outside, 'layout.js'), 'export default () => "outside";');
  symlinkSync(join(outside, 'layout.js'), join(dir, 'layout.js'));
  await loadTemplates(dir).then(
    () => assert.unreachable('should refuse'),
    (e: Error) => assert.match(e.message, `template ${join(dir, 'layout.js')} is a symbolic link that leads outside`),
  );
  rmSync(join(dir, 'layout.js'));
  writeFileSync(join(dir, 'real.js'), readFileSync(join(outside, 'layout.js')));
  symlinkSync('real.js', join(dir, 'layout.js'));
  assert.is(typeof (await loadTemplates(dir)).layout, 'function', 'a link inside the folder is fine');
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

test('staticFiles: the widget files and chart libraries only when some page loads them', () => {
  const paths = (scripts: string[]) => staticFiles(undefined, [], new Set(scripts)).map((f) => f.path);
  const none = paths([]);
  assert.not.ok(
    none.some((p) => /^_static\/(widgets|bokeh|plotly|vega)\//.test(p)),
    'a site without live widgets or charts',
  );
  const widgets = paths(['_static/widgets/loader.js', '_static/widgets/embed.js']);
  assert.ok(widgets.includes('_static/widgets/embed.js') && widgets.includes('_static/widgets/loader.js'));
  assert.ok(
    widgets.some((p) => /^_static\/widgets\/[^/]+\.woff2$/.test(p)),
    'its icon fonts',
  );
  assert.not.ok(widgets.some((p) => p.startsWith('_static/bokeh/')));
  const bokeh = paths(['_static/bokeh/bokeh.min.js', '_static/bokeh/bokeh-widgets.min.js', '_static/live-charts.js']);
  assert.equal(
    bokeh.filter((p) => /^_static\/(bokeh|widgets)\//.test(p)),
    ['_static/bokeh/bokeh.min.js', '_static/bokeh/bokeh-widgets.min.js'],
  );
});

test.run();
