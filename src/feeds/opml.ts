// OPML 2.0 subscription list of the site's feeds (no dateCreated: no clock in the build).
import { el, serializeXml } from './xml.js';

export interface OpmlFeed {
  title: string;
  xmlUrl: string;
  htmlUrl: string;
  type?: 'rss' | 'atom';
}

export function buildOpml(title: string, feeds: readonly OpmlFeed[]): string {
  const outlines = feeds.map((f) =>
    el('outline', { type: f.type ?? 'rss', text: f.title, title: f.title, xmlUrl: f.xmlUrl, htmlUrl: f.htmlUrl }),
  );
  const root = el('opml', { version: '2.0' }, el('head', {}, el('title', {}, title)), el('body', {}, ...outlines));
  return serializeXml(root);
}
