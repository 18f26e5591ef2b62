import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { xmllint } from '../../test/support/feed-parsers.js';
import { cdataSection, cleanText, el, escapeXmlAttr, processingInstruction, serializeXml } from './xml.js';

const NASTY = 'a\u0000b\u0001c\u0008d\u000be\u000cf\u001bg\u007fh\u0085i\ufffej\uffffk\ud800l\udfffm';

const clean = suite('cleanText');

clean('strips C0/C1 controls, lone surrogates and U+FFFE/U+FFFF', () => {
  // `ESC g` is a whole (two-byte) escape sequence, so the g goes with it.
  assert.is(cleanText(NASTY), 'abcdefhijklm');
});

clean('strips ANSI escape sequences whole', () => {
  assert.is(
    cleanText('\u001b[31;1mred\u001b[0m plain \u001b]8;;https://x.org\u0007link\u001b]8;;\u0007 \u001b(B!'),
    'red plain link !',
  );
  assert.is(cleanText('\u009b32mgreen'), 'green');
});

clean('keeps tab, newlines, emoji, RTL, combining marks', () => {
  const text = 'tab\there\r\nnew 🚀👩🏽‍🔬 שלום עולם مرحبا e\u0301';
  assert.is(cleanText(text), text);
});

clean.run();

const escaping = suite('escaping');

escaping('CDATA splits every ]]>', () => {
  const section = cdataSection('a]]>b]]>c]]]]>d');
  assert.is(section, '<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]]]]]><![CDATA[>d]]>');
  const doc = `<?xml version="1.0"?>\n<r>${section}</r>\n`;
  assert.is(xmllint(doc), '');
});

escaping('attribute values keep whitespace through character references', () => {
  assert.is(escapeXmlAttr('a\tb\nc\r"<&>'), 'a&#9;b&#10;c&#13;&quot;&lt;&amp;&gt;');
});

escaping('a document built from hostile strings is well-formed', () => {
  const hostile = `${NASTY} ]]> <script>alert(1)</script> & "quotes" 'apos' \u001b[1m🚀 שלום`;
  const root = el(
    'root',
    { attr: hostile, skipped: undefined },
    el('text', {}, hostile),
    el('cdata', {}, { cdata: hostile }),
    el('mixed', {}, el('a', {}, hostile), hostile),
  );
  const doc = serializeXml(root, [
    processingInstruction('xml-stylesheet', { type: 'text/xsl', href: `/f.xsl?${hostile}` }),
  ]);
  assert.is(xmllint(doc), '');
  assert.not.match(doc, /skipped/);
  assert.not.match(doc, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  assert.ok(doc.endsWith('</root>\n'));
});

escaping('empty elements self-close; text-only elements stay on one line', () => {
  const doc = serializeXml(el('a', { x: '1' }, el('b', {}), el('c', {}, 'text')));
  assert.is(doc, '<?xml version="1.0" encoding="utf-8"?>\n<a x="1">\n  <b/>\n  <c>text</c>\n</a>\n');
});

escaping.run();
