/**
 * The digest benchmark: every scheduled digest of 10,000 channels with 5 topics each, over the digest day's 2,000
 * new papers, through the real digest service's build path (`buildScheduled`: one candidate pool, each distinct
 * topic matched once, each channel ranked from it). Baseline: one FTS5 query per topic per channel over that
 * day's papers, measured on 500 channels and scaled linearly to 10,000, as the issue allows.
 */
import { createFixedClock } from '../src/core/clock.ts';
import type { ChannelSettings } from '../src/core/channel.ts';
import { createDigestService, type ScheduledSlot } from '../src/core/digest/service.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { ChannelStore } from '../src/core/ports.ts';
import { compileQuery, normalizeQuery, parseQuery } from '../src/core/query/index.ts';
import { BM25_WEIGHTS } from '../src/core/ranking-constants.ts';
import { createSqliteCandidateStore, createSqliteChannelStore, createSqliteDeliveryStore, type Db } from '../src/store/index.ts';
import { filterClauses } from '../src/store/sqlite/search/exhaustive.ts';
import { fts5Expression } from '../src/store/sqlite/search/fts5-expression.ts';
import { COLLOCATIONS } from './vocabulary.ts';
import { DIGEST_DAY, type Corpus } from './corpus.ts';
import { seededRandom, zipfSampler } from './rng.ts';
import { since } from './stats.ts';

/** When every digest is due: 09:00 UTC the day after the busy day, whose papers are the window. */
export const DUE = new Date(DIGEST_DAY.getTime() + 33 * 3_600_000);

/** The topics channels follow, most popular first: phrases, words of every frequency, authors, categories. */
export function topicPool(corpus: Corpus): string[] {
  const word = (rank: number) => corpus.vocabulary[rank] as string;
  return [
    ...COLLOCATIONS.map((c) => `"${c}"`),
    ...COLLOCATIONS.slice(0, 20).map((c) => c.split(' ').slice(0, 2).join(' ')),
    ...Array.from({ length: 60 }, (_, i) => word(20 + i * 7)),
    ...Array.from({ length: 60 }, (_, i) => word(800 + i * 97)),
    ...Array.from({ length: 30 }, (_, i) => `${word(40 + i)} ${word(300 + i * 11)}`),
    'author:wang',
    'author:"wei zhang"',
    'author:lecun',
    'cat:cs.CV',
    'cat:cs.RO robot',
    'cat:cs.CL "large language models" -survey',
    'org:nvidia',
    'llm OR agents',
    'RL agents',
    'diffusion -video',
  ];
}

/** Creates `count` channels with 5 Zipf-popular topics each (deterministic). */
export async function createChannels(channels: ChannelStore, corpus: Corpus, count: number): Promise<ChannelSettings[]> {
  const pool = topicPool(corpus);
  const random = seededRandom(7);
  const pick = zipfSampler(pool.length, 1);
  const at = new Date(DIGEST_DAY.getTime() - 30 * 86_400_000);
  const out: ChannelSettings[] = [];
  for (let c = 0; c < count; c += 1) {
    const ref = { platform: 'discord', channelId: `bench-${c}` };
    const settings = await channels.ensure(ref, { timezone: 'UTC', createdBy: 'bench' }, at);
    const chosen = new Set<string>();
    while (chosen.size < 5) chosen.add(pool[pick(random)] as string);
    for (const raw of chosen)
      await channels.addTopic(ref, { normalized: normalizeQuery(parseQuery(raw, { allowSince: false })), raw }, 'bench', at);
    out.push(settings);
  }
  return out;
}

/** The real path: every channel's digest, built in one scheduled run; returns seconds. */
export async function digestRun(db: Db, slots: readonly ScheduledSlot[]): Promise<number> {
  const clock = createFixedClock(new Date(DUE.getTime() + 60_000));
  const digests = createDigestService({
    candidates: createSqliteCandidateStore(db),
    channels: createSqliteChannelStore(db),
    deliveries: createSqliteDeliveryStore(db),
    publishers: new Map(),
    clock,
    defaults: { timezone: 'UTC' },
    log: silentLogger,
  });
  const start = performance.now();
  const built = await digests.buildScheduled(slots);
  if (built.length !== slots.length) throw new Error(`built ${built.length} digests for ${slots.length} slots`);
  return since(start) / 1000;
}

/** The slots of these channels, all due at DUE. */
export function slotsOf(channels: readonly ChannelSettings[]): ScheduledSlot[] {
  return channels.map((channel) => ({ channel, slotKey: DUE.toISOString().slice(0, 10), dueAt: DUE }));
}

/**
 * The baseline on `channels`: for each channel, one FTS5 query per topic over the day's papers (a doc-id range:
 * they were ingested that day), then the channel's top 5 by bm25(); returns seconds.
 */
export async function digestBaseline(db: Db, store: ChannelStore, channels: readonly ChannelSettings[]): Promise<number> {
  const day = db.sqlite
    .prepare(`SELECT min(doc_id) AS lo, max(doc_id) AS hi FROM papers WHERE coalesce(hf_submitted_at, published_at, first_seen_at) >= ?`)
    .get(DIGEST_DAY.toISOString()) as { lo: number; hi: number };
  const w = BM25_WEIGHTS;
  const start = performance.now();
  let shown = 0;
  for (const channel of channels) {
    const found = new Map<string, number>();
    for (const topic of await store.topics(channel)) {
      const parsed = parseQuery(topic.raw, { allowSince: false });
      const { text, exclude } = compileQuery(parsed);
      const match = text ? fts5Expression(text) : null;
      const { where, params } = filterClauses({ text, exclude, categories: parsed.categories, orgs: parsed.orgs, now: DUE, limit: 0 });
      const rows = (
        match
          ? db.sqlite
              .prepare(
                `SELECT p.id, -bm25(papers_fts, ${w.title}, ${w.abstract}, ${w.authors}, ${w.aiKeywords}) AS r FROM papers_fts
                 JOIN papers p ON p.doc_id = papers_fts.rowid WHERE papers_fts MATCH ? AND papers_fts.rowid BETWEEN ? AND ? ${where.map((c) => `AND ${c}`).join(' ')}`,
              )
              .all(match, day.lo, day.hi, ...params)
          : db.sqlite
              .prepare(`SELECT p.id, 1 AS r FROM papers p WHERE p.doc_id BETWEEN ? AND ? ${where.map((c) => `AND ${c}`).join(' ')}`)
              .all(day.lo, day.hi, ...params)
      ) as Array<{ id: string; r: number }>;
      for (const { id, r } of rows) found.set(id, Math.max(found.get(id) ?? 0, r));
    }
    shown += [...found.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).length;
  }
  if (shown === 0) throw new Error('the digest baseline matched nothing: the bench corpus is broken');
  return since(start) / 1000;
}
