import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock, systemClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { PaperIndex, PaperStore } from '../../src/core/ports.ts';
import { QuerySyntaxError } from '../../src/core/query/index.ts';
import { createSearchService } from '../../src/core/search.ts';
import type { SearchResult } from '../../src/core/search-types.ts';
import { createHfSearchSource } from '../../src/sources/hf-search.ts';
import { createHttpClient } from '../../src/sources/http.ts';
import { readPapersFile } from '../../src/sources/papers-file.ts';
import { openDatabase, type Db } from '../../src/store/index.ts';
import { createFakeHf, type FakeHf } from '../fakes/fake-hf.ts';
import { sqliteStore } from '../helpers/sqlite-store.ts';

const ROOT = join(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'fixtures/hf-daily-papers.sample.json');
const NOW = new Date('2025-11-13T12:00:00Z');
type Item = { paper: { id: string; title: string; summary: string } };
const sampleItems = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Item[];

let db: Db;
let store: PaperStore;
let index: PaperIndex;
let hf: FakeHf | null = null;

beforeEach(async () => {
  db = openDatabase(':memory:', { log: silentLogger, clock: createFixedClock(NOW) });
  ({ papers: store, index } = sqliteStore(db));
  await store.upsertMany((await readPapersFile(SAMPLE, silentLogger)).items, NOW);
});
afterEach(async () => {
  db.close();
  await hf?.close();
  hf = null;
});

function service(remoteUrl?: string) {
  const remote = remoteUrl
    ? createHfSearchSource({ http: createHttpClient({ clock: systemClock, log: silentLogger }), baseUrl: remoteUrl, log: silentLogger })
    : null;
  return createSearchService({ index, store, remote, clock: createFixedClock(NOW), log: silentLogger });
}

describe('search', () => {
  it('GIVEN a title word THEN the paper comes first with the matched words marked in its snippet', async () => {
    const result = await service().search({ text: 'backtracking', limit: 5, offset: 0 });
    expect(result.hits[0]?.card.title).toMatch(/Backtrack/);
    expect(result.hits.some((h) => /\*\*backtrack\w*\*\*/i.test(h.snippet))).toBe(true);
    expect(result.hits.every((h) => h.source === 'local')).toBe(true);
  });

  it('GIVEN an acronym THEN papers using only the long form are found too, and back', async () => {
    const rlhf = await service().search({ text: 'RLHF', limit: 5, offset: 0 });
    expect(rlhf.hits.map((h) => h.card.title)).toContain('A Minimaximalist Approach to Reinforcement Learning from Human Feedback');
    const mcts = await service().search({ text: 'monte carlo tree search', limit: 5, offset: 0 });
    const titles = (await service().search({ text: 'MCTS', limit: 5, offset: 0 })).hits.map((h) => h.card.title);
    expect(titles).toContain('ReST-MCTS*: LLM Self-Training via Process Reward Guided Tree Search');
    expect(mcts.hits.length).toBeGreaterThan(0);
  });

  it('GIVEN paging THEN pages do not overlap and hasMore tells when a next page exists', async () => {
    const first = await service().search({ text: 'reinforcement learning', limit: 3, offset: 0 });
    const second = await service().search({ text: 'reinforcement learning', limit: 3, offset: 3 });
    expect(first.hasMore).toBe(true);
    expect(first.hits.map((h) => h.card.id)).not.toEqual(expect.arrayContaining(second.hits.map((h) => h.card.id)));
    const last = await service().search({ text: 'reinforcement learning', limit: 10, offset: 40 });
    expect(last.hasMore).toBe(false);
  });

  it('GIVEN exclusions and filters THEN they hold', async () => {
    const excluded = await service().search({ text: 'self-correction -math', limit: 10, offset: 0 });
    expect(excluded.hits.map((h) => h.card.title).join('\n')).not.toMatch(/Math/);
    const recent = await service().search({ text: 'reasoning', since: '30d', limit: 10, offset: 0 });
    expect(recent.hits.length).toBeGreaterThan(0);
    expect(recent.hits.length).toBeLessThan(5);
  });

  it('GIVEN FTS operators and SQL in the query THEN it is searched as text, never an error', async () => {
    for (const text of ['NEAR(a b)', '"unbalanced', 'a AND OR NOT b', "'; DROP TABLE papers;--", 'title:x^2 {col}', 'a OR -b']) {
      // Either results, or the query language's own friendly error: never a database error.
      const outcome: unknown = await service()
        .search({ text, limit: 5, offset: 0 })
        .catch((error: unknown) => error);
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(QuerySyntaxError);
      else expect((outcome as SearchResult).hits).toBeInstanceOf(Array);
    }
    expect(await store.count()).toBe(44);
  });

  it('GIVEN nothing searchable THEN a friendly query error showing the grammar, not a database error', async () => {
    await expect(service().search({ text: '*', limit: 5, offset: 0 })).rejects.toThrow(/nothing to search for[\s\S]*author:/);
  });
});

describe('federated search', () => {
  const extra: Item = {
    paper: { id: '2501.00001', title: 'Quokka Alignment for Marsupial Agents', summary: 'We study quokka agents.' },
  };

  it('GIVEN few local results and Hugging Face reachable THEN its results are merged, deduplicated, marked and stored', async () => {
    // SSRL is stored locally and also one of Hugging Face's answers: it must show once, as local.
    const known = sampleItems.find((i) => i.paper.title.startsWith('SSRL'))!;
    const quokka = { paper: { ...extra.paper, summary: 'We study self-search quokka agents.' } };
    hf = createFakeHf({ items: [quokka, { ...known, paper: { ...known.paper, summary: `${known.paper.summary} quokka` } }] });
    const { url } = await hf.start();
    const result = await service(url).search({ text: 'self-search quokka', limit: 5, offset: 0 });
    expect(result.hits.map((h) => [h.card.id, h.source])).toEqual([
      [known.paper.id, 'local'],
      ['2501.00001', 'huggingface'],
    ]);
    expect(hf.requestsTo('search')[0]?.query.q).toBe('self-search quokka');
    expect(result.notes).toEqual([]);
    expect(await store.get('2501.00001')).not.toBeNull();
    const again = await service().search({ text: 'quokka', limit: 5, offset: 0 });
    expect(again.hits.map((h) => h.source)).toEqual(['local', 'local']);
  });

  it('GIVEN Hugging Face answering 500 THEN local results only with a short note', async () => {
    hf = createFakeHf({ items: [extra] });
    const { url } = await hf.start();
    hf.always('search', { status: 500 });
    const result = await service(url).search({ text: 'quokka marsupial', limit: 5, offset: 0 });
    expect(result.hits).toEqual([]);
    expect(result.notes).toEqual([expect.stringMatching(/Hugging Face search is unreachable/)]);
    expect(hf.requestsTo('search')).toHaveLength(1);
  });

  it('GIVEN Hugging Face hanging THEN local results with a note, answered within 2 s', async () => {
    hf = createFakeHf({ items: [extra] });
    const { url } = await hf.start();
    hf.always('search', { hang: true });
    const started = Date.now();
    const result = await service(url).search({ text: 'backtracking', limit: 10, offset: 0 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.notes).toEqual([expect.stringMatching(/unreachable/)]);
  });

  it('GIVEN enough local results THEN Hugging Face is not asked', async () => {
    hf = createFakeHf({ items: [extra] });
    const { url } = await hf.start();
    await service(url).search({ text: 'reinforcement learning', limit: 5, offset: 0 });
    expect(hf.requestsTo('search')).toHaveLength(0);
  });
});
