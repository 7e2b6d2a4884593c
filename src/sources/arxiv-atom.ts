/**
 * Parser for the arXiv export API's Atom responses (`/api/query`; docs/architecture.md §13).
 */
import { PaperboyError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SkippedItem, SourceBatch, SourcedPaper } from '../core/paper.ts';
import { parsePaperId } from '../core/paper-id.ts';
import { arxivTaxonomyTerm } from '../core/query/index.ts';
import { attr, child, children, collapse, parseXmlDocument, text, toIsoUtc } from './arxiv-xml.ts';

/**
 * Parses one export API page. `totalResults` is `opensearch:totalResults` (null when absent).
 * The API reports bad input as HTTP 200 with an entry whose id contains `/api/errors`: that throws
 * `bad_input` with arXiv's text. Anything that is not an Atom feed throws `source_malformed`.
 */
export function parseArxivAtom(xml: string, log: Logger): SourceBatch & { totalResults: number | null } {
  const root = parseXmlDocument(xml, 'arXiv API');
  if (root.name !== 'feed') {
    throw new PaperboyError('source_malformed', `arXiv API: expected an Atom feed, got <${root.name}>`);
  }
  const entries = children(root.node, 'entry');
  for (const entry of entries) {
    const id = text(child(entry, 'id')) ?? '';
    if (id.includes('/api/errors')) {
      const message = text(child(entry, 'summary'));
      throw new PaperboyError('bad_input', message ? collapse(message) : id.replace(/^.*#/, ''));
    }
  }

  const items: SourcedPaper[] = [];
  const skipped: SkippedItem[] = [];
  entries.forEach((entry, index) => {
    const result = fromEntry(entry, index);
    if ('reason' in result) {
      skipped.push(result);
      log.warn({ source: 'arxiv', ref: result.ref, reason: result.reason }, 'arxiv api entry skipped');
    } else {
      items.push(result);
    }
  });
  const total = Number(text(child(root.node, 'totalResults')) ?? Number.NaN);
  return { items, skipped, totalResults: Number.isInteger(total) && total >= 0 ? total : null };
}

function fromEntry(entry: unknown, index: number): SourcedPaper | SkippedItem {
  const rawId = text(child(entry, 'id'));
  const alternate = children(entry, 'link').find((l) => attr(l, 'rel') === 'alternate');
  const parsed = (rawId ? parsePaperId(rawId) : null) ?? parseHref(attr(alternate, 'href'));
  const rawTitle = text(child(entry, 'title'));
  const ref = `entry ${index + 1} (${parsed?.id ?? rawId ?? rawTitle ?? 'no id'})`;
  if (!parsed) return { ref, reason: 'no arXiv id in <id> or alternate link' };
  const title = rawTitle ? collapse(rawTitle) : '';
  if (title === '') return { ref, reason: 'no title' };

  const paper: SourcedPaper['paper'] = { id: parsed.id, version: parsed.version, title };
  const summary = text(child(entry, 'summary'));
  if (summary && collapse(summary) !== '') paper.abstract = collapse(summary);
  const authors = children(entry, 'author')
    .map((a) => text(child(a, 'name')))
    .filter((name) => name !== null)
    .map(collapse)
    .filter((name) => name !== '');
  if (authors.length > 0) paper.authors = authors;
  // The primary category leads: it is the paper's home subject; the rest follow in feed order. MSC and ACM
  // classes arrive as <category> too and are dropped (docs/architecture.md §13).
  const primary = attr(child(entry, 'primary_category'), 'term');
  const categories = [primary, ...children(entry, 'category').map((c) => attr(c, 'term'))]
    .map((term) => (term === null ? null : arxivTaxonomyTerm(term)))
    .filter((c) => c !== null);
  if (categories.length > 0) paper.categories = [...new Set(categories)];
  // `published` is the v1 submission; `updated` (this version) is not a field paperboy keeps.
  const publishedAt = toIsoUtc(text(child(entry, 'published')));
  if (publishedAt) paper.publishedAt = publishedAt;
  return { source: 'arxiv', paper };
}

function parseHref(href: string | null): ReturnType<typeof parsePaperId> {
  return href ? parsePaperId(href) : null;
}
