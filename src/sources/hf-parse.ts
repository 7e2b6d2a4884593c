/**
 * Turns a Hugging Face Daily Papers / paper search response (or a flat `/api/papers/{id}` object)
 * into a SourceBatch. Tolerant by design: the live API often lacks optional fields and the sample
 * lacks some required ones, so only a missing id or title rejects an item.
 */
import { PaperboyError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SkippedItem, SourceBatch, SourcedPaper, Signals } from '../core/paper.ts';
import { parsePaperId } from '../core/paper-id.ts';
import {
  abstractText,
  authorNames,
  count,
  describeJsonKind,
  httpUrl,
  isJsonObject,
  isoInstant,
  keywords,
  oneLine,
  organizationHandle,
  organizationName,
  type JsonObject,
} from './hf-fields.ts';

/** Item refs in logs and skip lists stay short even when the id field holds garbage. */
const REF_MAX_CHARS = 60;

type ItemResult = { ok: true; item: SourcedPaper } | { ok: false; skip: SkippedItem; malformed: boolean };

/**
 * Parses a Hugging Face response body: an array of `{ paper, numComments, … }` items or of flat
 * paper objects. Throws `source_malformed` when the body is not an array; bad items are skipped.
 */
export function parseHfItems(body: unknown, log: Logger, context: string): SourceBatch {
  if (!Array.isArray(body)) {
    const detail = isJsonObject(body) && typeof body.error === 'string' ? ` (error: ${oneLine(body.error) ?? ''})` : '';
    throw new PaperboyError('source_malformed', `${context}: expected a JSON array of papers, got ${describeJsonKind(body)}${detail}`);
  }
  const items: SourcedPaper[] = [];
  const skipped: SkippedItem[] = [];
  body.forEach((raw: unknown, index) => {
    const result = parseItem(raw, index);
    if (result.ok) {
      items.push(result.item);
      return;
    }
    skipped.push(result.skip);
    const fields = { source: 'huggingface', ref: result.skip.ref, reason: result.skip.reason, context };
    if (result.malformed) log.warn(fields, 'skipped malformed item');
    else log.debug(fields, 'skipped withdrawn paper');
  });
  return { items: keepHighestVersion(items), skipped };
}

/**
 * One entry per paper id, keeping the highest version (an unversioned id counts as lowest);
 * week and month lists overlap, and a list can shift while it is being paged.
 */
export function keepHighestVersion(items: SourcedPaper[]): SourcedPaper[] {
  const byId = new Map<string, SourcedPaper>();
  for (const item of items) {
    const kept = byId.get(item.paper.id);
    if (!kept || (item.paper.version ?? 0) > (kept.paper.version ?? 0)) byId.set(item.paper.id, item);
  }
  return [...byId.values()];
}

function parseItem(raw: unknown, index: number): ItemResult {
  const indexRef = `#${index}`;
  if (!isJsonObject(raw)) return malformed(indexRef, `not an object (${describeJsonKind(raw)})`);
  // Daily Papers and search wrap the paper; /api/papers/{id} returns it flat.
  const paper = raw.paper === undefined ? raw : raw.paper;
  if (!isJsonObject(paper)) return malformed(indexRef, `"paper" is ${describeJsonKind(paper)}, not an object`);

  const rawId = oneLine(paper.id);
  if (rawId === undefined) return malformed(indexRef, 'no paper id');
  const parsed = parsePaperId(rawId);
  if (!parsed) return malformed(rawId.slice(0, REF_MAX_CHARS), 'paper id is not an arXiv id');
  const ref = parsed.version === null ? parsed.id : `${parsed.id}v${parsed.version}`;

  const title = oneLine(paper.title) ?? oneLine(raw.title);
  if (!title) return malformed(ref, 'no title');
  if (paper.withdrawnAt !== undefined && paper.withdrawnAt !== null && paper.withdrawnAt !== false) {
    const when = isoInstant(paper.withdrawnAt);
    return { ok: false, skip: { ref, reason: when ? `withdrawn on ${when.slice(0, 10)}` : 'withdrawn' }, malformed: false };
  }

  const item: SourcedPaper = {
    source: 'huggingface',
    paper: {
      id: parsed.id,
      title,
      abstract: abstractText(paper.summary) ?? abstractText(raw.summary) ?? '',
      authors: authorNames(paper.authors),
      ...optionalFields(raw, paper),
    },
  };
  if (parsed.version !== null) item.paper.version = parsed.version;
  const signals = readSignals(raw, paper);
  if (signals) item.signals = signals;
  return { ok: true, item };
}

function optionalFields(item: JsonObject, paper: JsonObject): Partial<SourcedPaper['paper']> {
  // Name and handle from the same organization object: the paper's, else the outer item's.
  const organization = [paper.organization, item.organization].find((o) => organizationName(o) !== undefined);
  const fields: Partial<SourcedPaper['paper']> = {
    // paper.publishedAt is UTC; the item's own publishedAt is shifted by the US/Eastern offset.
    publishedAt: isoInstant(paper.publishedAt),
    hfSubmittedAt: isoInstant(paper.submittedOnDailyAt),
    aiSummary: oneLine(paper.ai_summary),
    aiKeywords: keywords(paper.ai_keywords),
    githubRepo: httpUrl(paper.githubRepo),
    projectPage: httpUrl(paper.projectPage),
    thumbnail: httpUrl(item.thumbnail),
    organization: organizationName(organization),
    organizationHandle: organizationHandle(organization),
  };
  // Left out, not null: the store keeps what it already had for fields this response lacks.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function readSignals(item: JsonObject, paper: JsonObject): Signals | undefined {
  const signals: Signals = {};
  const upvotes = count(paper.upvotes);
  // numComments lives on the outer item (and at the top of a flat /api/papers/{id} object).
  const comments = count(item.numComments);
  const githubStars = count(paper.githubStars);
  if (upvotes !== undefined) signals.upvotes = upvotes;
  if (comments !== undefined) signals.comments = comments;
  if (githubStars !== undefined) signals.githubStars = githubStars;
  return Object.keys(signals).length > 0 ? signals : undefined;
}

function malformed(ref: string, reason: string): ItemResult {
  return { ok: false, skip: { ref, reason }, malformed: true };
}
