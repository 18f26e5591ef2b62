import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jing, xmllint } from '../../test/support/feed-parsers.js';
import { ATOM_RNC, CHANNEL, ITEMS } from '../../test/support/feed-samples.js';
import { buildFeeds } from './build-feeds.js';

const files = buildFeeds(CHANNEL, ITEMS, { limit: 50, content: 'full' });

const schema = suite('atom.rnc rejects what RFC 4287 forbids');

/** [case, how to break a valid feed, what jing must say]. */
const cases: [string, (doc: string) => string, string][] = [
  ['entry without id', (d) => d.replace(/(<entry>\s*)<id>[^<]*<\/id>/, '$1'), 'missing required element "id"'],
  [
    'two updated in the feed',
    (d) => d.replace(/(<updated>[^<]*<\/updated>)/, '$1$1'),
    'element "updated" not allowed here',
  ],
  [
    'no author for an entry',
    (d) => d.replace(/<author>\s*<name>Notes[\s\S]*?<\/author>/, ''),
    'missing required element "author"',
  ],
  [
    'second alternate link',
    (d) =>
      d.replace(
        /(<link rel="alternate" type="text\/html" href="[^"]*"\/>)(\s*<entry>)/,
        '$1<link href="https://x.org/"/>$2',
      ),
    'missing required attribute "rel"',
  ],
  ['unknown rel value', (d) => d.replace('rel="related"', 'rel="run-this"'), 'value of attribute "rel" is invalid'],
  [
    'date that is not RFC 3339',
    (d) => d.replace(/<updated>[^<]*<\/updated>/, '<updated>Wed, 10 Apr 2024</updated>'),
    'content of element "updated" invalid',
  ],
];

schema('each broken variant is well-formed but invalid', () => {
  const broken = cases.map(([, breakIt]) => breakIt(files.atom));
  const errors = jing(ATOM_RNC, files.atom, ...broken);
  assert.is(errors[0], '', 'the original is valid');
  for (const [i, [name, , message]] of cases.entries()) {
    assert.is.not(broken[i], files.atom, `${name}: the case changed the document`);
    assert.is(xmllint(broken[i] as string), '', name);
    assert.match(errors[i + 1] ?? '', message, name);
  }
});

schema.run();
