/**
 * The PaperSource contract (src/core/ports.ts): `supports()` agrees with what `list()` does, items have the shape
 * the store merges (a canonical id, a title, typed optional fields, non-negative counters), progress only grows,
 * `lookup()` returns known papers once each under their canonical ids and leaves unknown ids out, and a cancelled
 * call rejects with a typed error.
 */
import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../src/core/errors.ts';
import type { SourcedPaper, SourceBatch } from '../../src/core/paper.ts';
import { parsePaperId } from '../../src/core/paper-id.ts';
import type { ListingRequest, PaperSource } from '../../src/core/ports.ts';

/** One source over its loopback fake, and what that fake serves. */
export interface PaperSourceSubject {
  readonly source: PaperSource;
  /** Ids the fake knows, in the spellings users paste: with a version suffix, as an arXiv URL, canonical. */
  readonly knownIds: string[];
}

/** One request of every kind, for dates and categories the fakes serve. */
const REQUESTS: ListingRequest[] = [
  { kind: 'day', date: '2025-10-01' },
  { kind: 'week', week: '2025-W40' },
  { kind: 'month', month: '2025-10' },
  { kind: 'trending' },
  { kind: 'category', category: 'cs.LG' },
];
/** A well-formed arXiv id no fake knows. */
const UNKNOWN_ID = '2312.99999';

const isIso = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
const isStringList = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

/** Why `item` is not what the store expects from `source`; empty when it is. */
function itemProblems(item: SourcedPaper, source: string): string[] {
  const p = item.paper as Record<string, unknown> & SourcedPaper['paper'];
  const checks: Array<[string, boolean]> = [
    ['source', item.source === source],
    ['canonical id', parsePaperId(p.id)?.id === p.id && !/v\d+$/.test(p.id)],
    ['title', typeof p.title === 'string' && p.title.trim() !== ''],
    ['version', p.version === undefined || p.version === null || (Number.isInteger(p.version) && p.version >= 1)],
    ['abstract', p.abstract === undefined || typeof p.abstract === 'string'],
    ['lists', ['authors', 'categories', 'aiKeywords'].every((key) => p[key] === undefined || isStringList(p[key]))],
    ['instants', ['publishedAt', 'hfSubmittedAt'].every((key) => p[key] === undefined || p[key] === null || isIso(p[key]))],
    [
      'texts',
      ['aiSummary', 'githubRepo', 'projectPage', 'thumbnail', 'organization'].every(
        (key) => p[key] === undefined || p[key] === null || typeof p[key] === 'string',
      ),
    ],
    ['signals', item.signals === undefined || Object.values(item.signals).every((v) => v === undefined || isCount(v))],
    ['replacement', item.replacement === undefined || typeof item.replacement === 'boolean'],
  ];
  return checks.filter(([, ok]) => !ok).map(([what]) => `${p.id}: ${what}`);
}

/** Why a batch is not a well-formed SourceBatch of `source`; empty when it is. */
function batchProblems(batch: SourceBatch, source: string): string[] {
  const ids = batch.items.map((item) => item.paper.id);
  return [
    ...batch.items.flatMap((item) => itemProblems(item, source)),
    ...batch.skipped
      .filter((s) => typeof s.ref !== 'string' || typeof s.reason !== 'string' || s.reason === '')
      .map((s) => `skipped ${JSON.stringify(s)}`),
    ...ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${id} twice`),
  ];
}

/** Runs the PaperSource contract; `subject` is read inside each test (after the runner's hooks set it up). */
export function describePaperSourceContract(name: string, subject: () => PaperSourceSubject): void {
  describe(`PaperSource contract: ${name}`, () => {
    it('GIVEN one request of every kind THEN list() answers each one supports() accepts and refuses each other one with bad_input', async () => {
      const { source } = subject();
      const supported = REQUESTS.filter((request) => source.supports(request));
      expect(supported.length).toBeGreaterThan(0);
      for (const request of REQUESTS) {
        const listing = source.list(request);
        if (source.supports(request))
          await expect(listing, request.kind).resolves.toMatchObject({ items: expect.any(Array), skipped: expect.any(Array) });
        else await expect(listing, request.kind).rejects.toMatchObject({ code: 'bad_input' });
      }
    });

    it('GIVEN every listing it supports THEN items have the shape the store merges: its name, canonical unique ids, titles, typed fields, counts ≥ 0', async () => {
      const { source } = subject();
      expect(['huggingface', 'arxiv']).toContain(source.name);
      let items = 0;
      for (const request of REQUESTS.filter((r) => source.supports(r))) {
        const batch = await source.list(request);
        items += batch.items.length;
        expect(batchProblems(batch, source.name), request.kind).toEqual([]);
      }
      expect(items).toBeGreaterThan(0);
    });

    it('GIVEN a listing THEN onProgress counts never go down and the last one is the number of items returned', async () => {
      const { source } = subject();
      for (const request of REQUESTS.filter((r) => source.supports(r))) {
        const progress: number[] = [];
        const batch = await source.list(request, { onProgress: (n) => progress.push(n) });
        expect(progress.length, request.kind).toBeGreaterThan(0);
        expect(
          progress.every((n, i) => i === 0 || n >= (progress[i - 1] ?? 0)),
          request.kind,
        ).toBe(true);
        expect(progress.at(-1), request.kind).toBe(batch.items.length);
      }
    });

    it('GIVEN known ids in other spellings, an unknown id, junk and a repeat THEN lookup returns each known paper once under its canonical id, nothing else', async () => {
      const { source, knownIds } = subject();
      const canonical = [...new Set(knownIds.map((id) => parsePaperId(id)?.id))];
      expect(canonical.every((id) => id !== undefined)).toBe(true);
      const batch = await source.lookup([...knownIds, UNKNOWN_ID, 'not an id', ...knownIds.slice(0, 1)]);
      expect(batchProblems(batch, source.name)).toEqual([]);
      expect(batch.items.map((item) => item.paper.id).sort()).toEqual([...canonical].sort());
      expect(batch.skipped.map((s) => s.ref)).not.toContain(UNKNOWN_ID);
    });

    it('GIVEN no ids, or only unknown ones THEN lookup answers an empty list of papers', async () => {
      const { source } = subject();
      expect((await source.lookup([])).items).toEqual([]);
      expect((await source.lookup([UNKNOWN_ID])).items).toEqual([]);
    });

    it('GIVEN a signal already aborted THEN list and lookup reject with a typed error', async () => {
      const { source, knownIds } = subject();
      const signal = AbortSignal.abort();
      const request = REQUESTS.find((r) => source.supports(r)) as ListingRequest;
      await expect(source.list(request, { signal })).rejects.toBeInstanceOf(PaperboyError);
      await expect(source.lookup(knownIds, { signal })).rejects.toBeInstanceOf(PaperboyError);
    });

    it('GIVEN a signal aborted while the request is on its way THEN the call rejects with a typed error', async () => {
      const { source } = subject();
      const controller = new AbortController();
      const listing = source.list(REQUESTS.find((r) => source.supports(r)) as ListingRequest, { signal: controller.signal });
      controller.abort();
      await expect(listing).rejects.toBeInstanceOf(PaperboyError);
    });
  });
}
