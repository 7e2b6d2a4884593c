/**
 * Parser for arXiv's daily listing feeds (rss.arxiv.org): the RSS 2.0 `/rss/{cat}` feed and its
 * Atom variant `/atom/{cat}`. One item per announced paper, tagged new, cross, replace or replace-cross.
 */
import { PaperboyError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SkippedItem, SourceBatch, SourcedPaper } from '../core/paper.ts';
import { parsePaperId } from '../core/paper-id.ts';
import { arxivTaxonomyTerm } from '../core/query/index.ts';
import { attr, child, children, collapse, parseXmlDocument, text, toIsoUtc } from './arxiv-xml.ts';

/** What one listing entry says, before it becomes a SourcedPaper; both feed formats map to this. */
interface RawListingItem {
  ref: string;
  title: string | null;
  description: string | null;
  guid: string | null;
  link: string | null;
  announceType: string | null;
  categories: string[];
  creators: string[];
  published: string | null;
}

// `arXiv:{id}v{n} Announce Type: {type} \nAbstract: {abstract}` (docs/architecture.md §13).
const DESCRIPTION = /^arXiv:(\S+)\s+Announce Type:\s*(\S+)\s*(?:Abstract:\s*([\s\S]*))?$/;
const REPLACEMENT_TYPES = new Set(['replace', 'replace-cross']);
const NAME_SUFFIX = /^(?:Jr|Sr|II|III|IV)\.?$/;

/**
 * Parses a listing feed. `announcedAt` is the RSS channel's `pubDate` (the Atom variant has none,
 * so its newest entry `published`), null when absent. An empty feed (weekends, holidays) is an
 * empty batch; anything that is not an RSS or Atom feed throws `source_malformed`.
 */
export function parseArxivListing(xml: string, log: Logger): SourceBatch & { announcedAt: string | null } {
  const root = parseXmlDocument(xml, 'arXiv listing');
  let raw: RawListingItem[];
  let announcedAt: string | null;
  if (root.name === 'rss') {
    const channel = child(root.node, 'channel');
    if (channel === undefined) throw new PaperboyError('source_malformed', 'arXiv listing: RSS feed without a channel');
    raw = children(channel, 'item').map(fromRssItem);
    announcedAt = toIsoUtc(text(child(channel, 'pubDate')));
  } else if (root.name === 'feed') {
    raw = children(root.node, 'entry').map(fromAtomEntry);
    announcedAt =
      raw
        .map((item) => toIsoUtc(item.published))
        .filter((at) => at !== null)
        .sort()
        .at(-1) ?? null;
  } else {
    throw new PaperboyError('source_malformed', `arXiv listing: expected an RSS or Atom feed, got <${root.name}>`);
  }

  const items: SourcedPaper[] = [];
  const skipped: SkippedItem[] = [];
  for (const item of raw) {
    const result = toSourcedPaper(item);
    if ('reason' in result) {
      skipped.push(result);
      log.warn({ source: 'arxiv', ref: result.ref, reason: result.reason }, 'arxiv listing item skipped');
    } else {
      items.push(result);
    }
  }
  return { items, skipped, announcedAt };
}

function fromRssItem(item: unknown, index: number): RawListingItem {
  return {
    ref: `item ${index + 1}`,
    title: text(child(item, 'title')),
    description: text(child(item, 'description')),
    guid: text(child(item, 'guid')),
    link: text(child(item, 'link')),
    announceType: text(child(item, 'announce_type')),
    categories: children(item, 'category')
      .map(text)
      .filter((c) => c !== null),
    creators: children(item, 'creator')
      .map(text)
      .filter((c) => c !== null),
    published: text(child(item, 'pubDate')),
  };
}

function fromAtomEntry(entry: unknown, index: number): RawListingItem {
  const links = children(entry, 'link');
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const creators = children(entry, 'creator')
    .map(text)
    .filter((c) => c !== null);
  // The spec uses `dc:creator`; plain Atom `<author><name>` is the fallback, never both (duplicates).
  const authorNames = children(entry, 'author')
    .map((a) => text(child(a, 'name')))
    .filter((c) => c !== null);
  return {
    ref: `entry ${index + 1}`,
    title: text(child(entry, 'title')),
    description: text(child(entry, 'summary')),
    guid: text(child(entry, 'id')),
    link: attr(alternate, 'href'),
    announceType: text(child(entry, 'announce_type')),
    categories: children(entry, 'category')
      .map((c) => attr(c, 'term'))
      .filter((c) => c !== null),
    creators: creators.length > 0 ? creators : authorNames,
    published: text(child(entry, 'published')),
  };
}

function toSourcedPaper(item: RawListingItem): SourcedPaper | SkippedItem {
  const header = item.description ? DESCRIPTION.exec(item.description.trim()) : null;
  // The description's header, the guid and the link all name the paper; only the first two carry a version.
  const candidates = [header?.[1], item.guid?.replace(/^oai:arXiv\.org:/i, ''), item.link]
    .map((c) => (c ? parsePaperId(c) : null))
    .filter((c) => c !== null);
  const first = candidates[0];
  const ref = `${item.ref} (${first?.id ?? item.guid ?? item.link ?? item.title ?? 'no id'})`;
  if (!first) return { ref, reason: 'no arXiv id in description, guid or link' };
  const title = item.title ? collapse(item.title) : '';
  if (title === '') return { ref, reason: 'no title' };

  const version = candidates.find((c) => c.id === first.id && c.version !== null)?.version ?? null;
  const announceType = (item.announceType ?? header?.[2] ?? '').toLowerCase();
  const replacement = REPLACEMENT_TYPES.has(announceType);
  const abstract = abstractOf(item.description, header);
  const authors = item.creators.flatMap(splitAuthors);
  const paper: SourcedPaper['paper'] = { id: first.id, version, title };
  if (abstract) paper.abstract = abstract;
  if (authors.length > 0) paper.authors = authors;
  // Only arXiv taxonomy terms are categories (docs/architecture.md §13).
  const categories = item.categories.map(arxivTaxonomyTerm).filter((c) => c !== null);
  if (categories.length > 0) paper.categories = [...new Set(categories)];
  // pubDate is when this listing was announced: the paper's publication date only for a first
  // announcement. For replacements and late cross-lists it would overwrite the real date.
  const firstAnnouncement = announceType === 'new' || (announceType === 'cross' && (version ?? 1) === 1);
  const publishedAt = firstAnnouncement ? toIsoUtc(item.published) : null;
  if (publishedAt) paper.publishedAt = publishedAt;
  return replacement ? { source: 'arxiv', paper, replacement: true } : { source: 'arxiv', paper };
}

function abstractOf(description: string | null, header: RegExpExecArray | null): string | null {
  if (!description) return null;
  if (header) return header[3] ? collapse(header[3]) || null : null;
  // A description without the `arXiv:… Announce Type:` header is the abstract, maybe after a label.
  const afterLabel = /Abstract:\s*([\s\S]*)$/.exec(description);
  return collapse(afterLabel?.[1] ?? description) || null;
}

/** Splits `dc:creator` text ("A, B, and C"; "A and B") into names, keeping "(…)" groups and suffixes whole. */
export function splitAuthors(creators: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  const flush = () => {
    const name = collapse(current).replace(/^and\s+/, '');
    const previous = names.length - 1;
    if (NAME_SUFFIX.test(name) && previous >= 0) names[previous] = `${names[previous]} ${name}`;
    else if (name !== '') names.push(name);
    current = '';
  };
  for (const part of creators.split(/(\s+and\s+|[,()])/)) {
    if (part === '(') depth++;
    if (part === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (part === ',' || /^\s+and\s+$/.test(part))) flush();
    else current += part;
  }
  flush();
  return names;
}
