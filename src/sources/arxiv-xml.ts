/**
 * XML plumbing shared by the arXiv parsers: one fast-xml-parser configuration and tolerant
 * accessors over the plain object tree it produces.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PaperboyError } from '../core/errors.ts';

/** One element of the parsed tree: child elements by local name, attributes under `@_name`. */
export type XmlNode = Record<string, unknown>;

// Elements that may repeat; always arrays, so one item and many items read the same way.
const REPEATED = new Set(['item', 'entry', 'category', 'author', 'link', 'creator']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Prefixes are the publisher's choice (`dc:`, `arxiv:`, `opensearch:`); match on local names.
  removeNSPrefix: true,
  // Ids such as `2409.12910` must stay strings, never become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Deprecated name, but it is the switch that decodes numeric references (`&#233;`), which are plain
  // XML and appear in arXiv titles and author names; without it they stay as literal text.
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

/**
 * Parses a whole document and returns its root element with the root's local name; throws
 * `source_malformed` for anything that is not well-formed XML (an HTML error page, JSON, nothing).
 */
export function parseXmlDocument(xml: string, what: string): { name: string; node: XmlNode } {
  const body = xml.replace(/^\uFEFF/, '').trim();
  const verdict = XMLValidator.validate(body);
  if (verdict !== true) {
    throw new PaperboyError('source_malformed', `${what}: not well-formed XML (${verdict.err.msg}, line ${verdict.err.line})`);
  }
  const tree: unknown = parser.parse(body);
  const roots = Object.entries(asNode(tree) ?? {}).filter(([name]) => !name.startsWith('?'));
  const root = roots[0];
  if (!root) throw new PaperboyError('source_malformed', `${what}: empty XML document`);
  // A root with nothing inside (`<rss/>`) parses to an empty string; treat it as an empty element.
  return { name: root[0], node: asNode(root[1]) ?? {} };
}

/** The value as an element, or null when it is text or missing. */
export function asNode(value: unknown): XmlNode | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : null;
}

/** The value as a list: arrays as they are, a single value wrapped, missing as empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The named child of an element (the first when it repeats). */
export function child(node: unknown, name: string): unknown {
  const value = asNode(node)?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The named children of an element. */
export function children(node: unknown, name: string): unknown[] {
  return asList(asNode(node)?.[name]);
}

/** The text content of an element with or without attributes; null when absent or blank. */
export function text(value: unknown): string | null {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const node = asNode(value);
  return node ? text(node['#text']) : null;
}

/** An attribute of an element; null when absent or blank. */
export function attr(value: unknown, name: string): string | null {
  const raw = asNode(value)?.[`@_${name}`];
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
}

/** Collapses runs of whitespace (arXiv hard-wraps titles and abstracts) into single spaces. */
export function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** An RFC 822 or ISO 8601 timestamp with any offset as an ISO instant in UTC; null if unparseable. */
export function toIsoUtc(value: string | null): string | null {
  if (value === null) return null;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
