/** Reading a server-rendered page in tests: parsed with htmlparser2 (as a crawler would), never with regular expressions. */
import { parseDocument } from 'htmlparser2';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import type { Document, Element } from 'domhandler';

export interface Page {
  doc: Document;
  all(test: (e: Element) => boolean): Element[];
  one(test: (e: Element) => boolean): Element | null;
  meta(nameOrProperty: string): string | undefined;
  link(rel: string): Element[];
  text(e: Element | null): string;
  attr(e: Element | null, name: string): string | undefined;
  jsonLd(): Record<string, unknown>[];
}

export function readPage(markup: string): Page {
  const doc = parseDocument(markup);
  const all = (test: (e: Element) => boolean) => findAll(test, doc.children);
  const one = (test: (e: Element) => boolean) => findOne(test, doc.children, true);
  return {
    doc, all, one,
    meta: (key) => {
      const m = one((e) => e.name === 'meta' && (e.attribs.name === key || e.attribs.property === key));
      return m ? m.attribs.content : undefined;
    },
    link: (rel) => all((e) => e.name === 'link' && e.attribs.rel === rel),
    text: (e) => (e ? textContent(e).replace(/\s+/g, ' ').trim() : ''),
    attr: (e, name) => (e ? getAttributeValue(e, name) : undefined),
    jsonLd: () => all((e) => e.name === 'script' && e.attribs.type === 'application/ld+json').map((e) => JSON.parse(textContent(e)) as Record<string, unknown>),
  };
}
