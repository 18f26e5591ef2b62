import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openRenderStore } from '../io/render-cache.js';
import { makeTempDir } from '../../test/support/git-repo.js';
import { assetKey } from './entry-store.js';
import { cardFor, cardProblem } from './social-images.js';

const dir = makeTempDir('bp-cards-');
const store = openRenderStore(undefined);
test.after(() => {
  store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('cardFor: a title with U+FFFF gets its card, stored as an asset', async () => {
  const card = await cardFor('Bad \uffff title', 'main', store, join(dir, 'cache'));
  assert.ok(!('error' in card), JSON.stringify(card));
  const bytes = 'name' in card ? store.read('asset', assetKey(card.name)) : undefined;
  assert.equal((await sharp(bytes).metadata()).width, 1200);
});

test('cardFor: a card that cannot be made is an answer saying why, not a throw; cardProblem words the warning', async () => {
  const file = join(dir, 'not-a-folder');
  writeFileSync(file, 'x');
  const card = await cardFor('Another title', 'main', store, join(file, 'cache'));
  assert.ok('error' in card);
  const error = 'error' in card ? card.error : '';
  assert.match(error, /ENOTDIR|EEXIST/);
  const d = cardProblem('lessons/a.ipynb', error);
  assert.equal([d.rule, d.severity, d.path], ['social-image-failed', 'warning', 'lessons/a.ipynb']);
  assert.match(
    d.message,
    /^the title card \(the image links to the page and feed items show\) could not be drawn: .*; the page has none$/,
  );
});

test.run();
