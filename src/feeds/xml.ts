// A small XML writer: elements as data, every string cleaned and escaped on the way out, so
// nothing reaching a feed can break well-formedness (XML 1.0 forbids most control characters,
// even as character references).

/** ANSI/VT escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), DCS/SOS/PM/APC, 2-byte. */
const ANSI =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?/g;

/** What XML 1.0 cannot carry (plus DEL and C1 controls): C0 but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML =
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Any character either pattern above can start with (ESC and CSI are C0/C1 controls): one quick scan. */
const MAYBE_UNCLEAN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]/;

/** Removes ANSI escapes and every character XML 1.0 forbids. */
export function cleanText(text: string): string {
  return MAYBE_UNCLEAN.test(text) ? text.replace(ANSI, '').replace(NOT_XML, '') : text;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function escapeXmlText(text: string): string {
  return cleanText(text).replace(/[&<>]/g, (c) => ESCAPES[c] as string);
}

export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** A CDATA section; `]]>` inside is split across two sections. `clean`: the text went through `cleanText` already. */
export function cdataSection(text: string, clean = false): string {
  return `<![CDATA[${(clean ? text : cleanText(text)).split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

export interface Cdata {
  readonly cdata: string;
  /** The text went through `cleanText` already (a feed item's content, cleaned once for every format). */
  readonly clean?: boolean;
}
export type XmlChild = XmlElement | Cdata | string;
export interface XmlElement {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly XmlChild[];
}

type AttrInput = Record<string, string | undefined>;

/** An element; attributes whose value is undefined are left out, in insertion order otherwise. */
export function el(name: string, attrs: AttrInput = {}, ...children: (XmlChild | undefined | false)[]): XmlElement {
  const pairs = Object.entries(attrs).filter((a): a is [string, string] => a[1] !== undefined);
  return { name, attrs: pairs, children: children.filter((c): c is XmlChild => c !== undefined && c !== false) };
}

/** An element holding only text, or nothing when the text is undefined. */
export function textEl(name: string, text: string | undefined, attrs: AttrInput = {}): XmlElement | undefined {
  return text === undefined ? undefined : el(name, attrs, text);
}

function openTag(node: XmlElement): string {
  return node.name + node.attrs.map(([k, v]) => ` ${k}="${escapeXmlAttr(v)}"`).join('');
}

function serializeNode(node: XmlElement, indent: string, out: string[]): void {
  if (node.children.length === 0) {
    out.push(`${indent}<${openTag(node)}/>`);
    return;
  }
  if (node.children.every((c) => typeof c === 'string' || 'cdata' in c)) {
    const inner = node.children.map((c) =>
      typeof c === 'string' ? escapeXmlText(c) : cdataSection((c as Cdata).cdata, (c as Cdata).clean),
    );
    out.push(`${indent}<${openTag(node)}>${inner.join('')}</${node.name}>`);
    return;
  }
  out.push(`${indent}<${openTag(node)}>`);
  for (const child of node.children) {
    if (typeof child === 'string') out.push(`${indent}  ${escapeXmlText(child)}`);
    else if ('cdata' in child) out.push(`${indent}  ${cdataSection(child.cdata, child.clean)}`);
    else serializeNode(child, `${indent}  `, out);
  }
  out.push(`${indent}</${node.name}>`);
}

/** A processing instruction such as `xml-stylesheet`, with pseudo-attributes escaped like attributes. */
export function processingInstruction(target: string, attrs: AttrInput): string {
  const pairs = Object.entries(attrs).filter((a): a is [string, string] => a[1] !== undefined);
  const body = pairs.map(([k, v]) => `${k}="${escapeXmlAttr(v)}"`).join(' ');
  return `<?${target} ${body}?>`;
}

/** A whole document: declaration, processing instructions, root, trailing newline. */
export function serializeXml(root: XmlElement, instructions: readonly string[] = []): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', ...instructions];
  serializeNode(root, '', out);
  return `${out.join('\n')}\n`;
}
