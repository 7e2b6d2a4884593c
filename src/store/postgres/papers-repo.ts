/**
 * The PostgreSQL PaperStore: the SQLite store's merge-upsert and signal time series (sqlite/papers-repo.ts), written
 * a batch at a time: one statement reads the batch's stored rows, the merge runs in memory, and `unnest` writes
 * every new row, changed row and observation with one statement each, however many thousand items come.
 */
import { count, desc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { Signals, SourcedPaper, StoredPaper } from '../../core/paper.ts';
import type { PaperStore, UpsertSummary } from '../../core/ports.ts';
import { EMPTY_PAPER, mergePaper, type MergedPaper } from '../paper-merge.ts';
import type { PgDb } from './db.ts';
import { paperSignals, papers, type PaperRow } from './schema.ts';
import { storeCall, inTransaction } from './run.ts';
import { COUNTER_NAMES, hasSignals, reported } from '../rows.ts';

type Counters = Required<Signals>;

const ZERO: Counters = { upvotes: 0, comments: 0, githubStars: 0 };

/** The columns a merge decides, named and typed from the schema so the statements below follow it. */
const MERGED = (Object.keys(EMPTY_PAPER) as Array<keyof MergedPaper>).map((field) => ({
  field,
  column: papers[field].name,
  type: papers[field].getSQLType(),
}));

/** `$k::type[]` for each merged column after `first` leading parameters. */
const arrays = (first: number) => MERGED.map(({ type }, i) => `$${first + i + 1}::${type}[]`).join(', ');
const names = MERGED.map(({ column }) => column).join(', ');
const AT = `$${MERGED.length + 2}`;

// WITH ORDINALITY … ORDER BY: identities are handed out in the batch's order, as SQLite's rowids are.
const INSERT_PAPERS = `INSERT INTO papers (id, ${names}, first_seen_at, updated_at)
  SELECT id, ${names}, ${AT}, ${AT} FROM unnest($1::text[], ${arrays(1)}) WITH ORDINALITY AS u(id, ${names}, n)
  ORDER BY n RETURNING doc_id, id`;

const UPDATE_PAPERS = `UPDATE papers AS p SET ${MERGED.map(({ column }) => `${column} = u.${column}`).join(', ')}, updated_at = ${AT}
  FROM unnest($1::integer[], ${arrays(1)}) AS u(doc_id, ${names}) WHERE p.doc_id = u.doc_id`;

// The newest observation of each (paper, source) at or before the batch's moment, for carrying counters forward.
const LAST_OF_SOURCES = `SELECT k.paper_id, k.source, s.upvotes, s.comments, s.github_stars
  FROM unnest($1::text[], $2::text[]) AS k(paper_id, source)
  CROSS JOIN LATERAL (SELECT upvotes, comments, github_stars FROM paper_signals
    WHERE paper_id = k.paper_id AND source = k.source AND observed_at <= $3
    ORDER BY observed_at DESC, id DESC LIMIT 1) AS s`;

// In the batch's order: a later item's observation of the same moment is the newer one (higher id).
const INSERT_SIGNALS = `INSERT INTO paper_signals (paper_id, source, observed_at, upvotes, comments, github_stars)
  SELECT paper_id, source, $1, upvotes, comments, github_stars
  FROM unnest($2::text[], $3::text[], $4::integer[], $5::integer[], $6::integer[]) WITH ORDINALITY AS u(paper_id, source, upvotes, comments, github_stars, n)
  ORDER BY n`;

/** One parameter array per merged column; lists go as JSON text, cast to jsonb by the statement. */
function columnArrays(rows: readonly MergedPaper[]): unknown[][] {
  return MERGED.map(({ field }) =>
    rows.map((row) => {
      const value = row[field];
      return Array.isArray(value) ? JSON.stringify(value) : value;
    }),
  );
}

function toMerged(row: PaperRow): MergedPaper {
  const { docId: _docId, id: _id, firstSeenAt: _firstSeenAt, updatedAt: _updatedAt, ...merged } = row;
  return merged;
}

/** A paper of the batch: its row as it will be written, and whether that is an insert, an update or nothing. */
interface Planned {
  docId: number | null;
  merged: MergedPaper;
  write: 'insert' | 'update' | 'none';
}

/** The merge of the whole batch in memory, item by item as SQLite applies it, over the rows stored before it. */
function plan(items: readonly SourcedPaper[], stored: ReadonlyMap<string, PaperRow>) {
  const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0, signals: 0 };
  const byId = new Map<string, Planned>();
  const touched = new Set<string>();
  for (const item of items) {
    const { id } = item.paper;
    const row = stored.get(id);
    let paper = byId.get(id) ?? (row ? { docId: row.docId, merged: toMerged(row), write: 'none' } : undefined);
    if (!paper) {
      paper = { docId: null, merged: mergePaper(EMPTY_PAPER, item.paper).merged, write: 'insert' };
      summary.inserted += 1;
      touched.add(id);
    } else {
      const { merged, changed } = mergePaper(paper.merged, item.paper);
      paper.merged = merged;
      if (changed && paper.write === 'none') paper.write = 'update';
      summary[changed ? 'updated' : 'unchanged'] += 1;
      if (changed) touched.add(id);
    }
    byId.set(id, paper);
    if (hasSignals(item.signals)) {
      summary.signals += 1;
      touched.add(id);
    }
  }
  return { summary, byId, touched };
}

/** Each item's observation, its unreported counters carried forward from the newest one of its source. */
function observations(items: readonly SourcedPaper[], previous: Map<string, Counters>) {
  const out = {
    paperIds: [] as string[],
    sources: [] as string[],
    upvotes: [] as number[],
    comments: [] as number[],
    stars: [] as number[],
  };
  for (const { paper, source, signals } of items) {
    if (!hasSignals(signals)) continue;
    const key = `${paper.id}\n${source}`;
    const counters = { ...(previous.get(key) ?? ZERO) };
    for (const name of COUNTER_NAMES) {
      const value = signals[name];
      if (reported(value)) counters[name] = value;
    }
    // The next item of the same paper and source carries forward from this one, as it would on SQLite.
    previous.set(key, counters);
    out.paperIds.push(paper.id);
    out.sources.push(source);
    out.upvotes.push(counters.upvotes);
    out.comments.push(counters.comments);
    out.stars.push(counters.githubStars);
  }
  return out;
}

function prepareReads(db: PgDb) {
  const { orm } = db;
  const ph = sql.placeholder;
  const latest = orm
    .select({
      upvotes: paperSignals.upvotes,
      comments: paperSignals.comments,
      githubStars: paperSignals.githubStars,
      observedAt: paperSignals.observedAt,
    })
    .from(paperSignals)
    .where(eq(paperSignals.paperId, papers.id))
    .orderBy(desc(paperSignals.observedAt), desc(paperSignals.id))
    .limit(1)
    .as('latest');
  const signals = { upvotes: latest.upvotes, comments: latest.comments, githubStars: latest.githubStars, observedAt: latest.observedAt };
  const withLatest = () =>
    orm
      .select({ paper: papers, latest: signals })
      .from(papers)
      .leftJoinLateral(latest, sql`true`);
  return {
    get: withLatest()
      .where(eq(papers.id, ph('id')))
      .prepare('papers_get'),
    getMany: withLatest()
      .where(sql`${papers.id} = ANY(${ph('ids')}::text[])`)
      .prepare('papers_get_many'),
    count: orm.select({ n: count() }).from(papers).prepare('papers_count'),
  };
}

/** A stored row and its latest signals (none yet: zeros) as the store reports them. */
function toStored(row: PaperRow, signal: StoredPaper['signals'] | null): StoredPaper {
  const { docId: _docId, ...paper } = row;
  return { ...paper, signals: signal ?? { ...ZERO, observedAt: null } };
}

/** What the paper store tells the rest of the store. */
export interface PostgresPaperStoreHooks {
  /** Inside each write transaction, on its client, before it commits: the doc ids of papers inserted, changed or given a signal. */
  papersChanged(client: pg.PoolClient, docIds: readonly number[]): void | Promise<void>;
}

/** A PaperStore over PostgreSQL; paper writes are serialized, as SQLite's single writer serializes them. */
export function createPostgresPaperStore(db: PgDb, hooks: PostgresPaperStoreHooks): PaperStore {
  const reads = prepareReads(db);

  async function write(client: pg.PoolClient, items: readonly SourcedPaper[], at: string): Promise<UpsertSummary> {
    // Two writers merging the same paper would lose one merge, or fail the second batch on papers_id_uq. This mode
    // conflicts only with itself and other writes to papers: readers and deliveries' foreign-key checks go on.
    await client.query('LOCK TABLE papers IN SHARE ROW EXCLUSIVE MODE');
    const ids = [...new Set(items.map((item) => item.paper.id))];
    const rows = await drizzle(client)
      .select()
      .from(papers)
      .where(sql`${papers.id} = ANY(${sql.param(ids)}::text[])`);
    const stored = new Map(rows.map((row) => [row.id, row]));
    const { summary, byId, touched } = plan(items, stored);

    const inserts = [...byId].filter(([, paper]) => paper.write === 'insert');
    if (inserts.length > 0) {
      const params = [inserts.map(([id]) => id), ...columnArrays(inserts.map(([, paper]) => paper.merged)), at];
      const result = await client.query<{ doc_id: number; id: string }>(INSERT_PAPERS, params);
      for (const row of result.rows) (byId.get(row.id) as Planned).docId = row.doc_id;
    }
    const updates = [...byId.values()].filter((paper) => paper.write === 'update');
    if (updates.length > 0) {
      await client.query(UPDATE_PAPERS, [updates.map((paper) => paper.docId), ...columnArrays(updates.map((paper) => paper.merged)), at]);
    }

    const signalled = items.filter((item) => hasSignals(item.signals));
    const pairs = signalled.filter((item) => stored.has(item.paper.id));
    const previous = new Map<string, Counters>();
    if (pairs.length > 0) {
      const last = await client.query<{ paper_id: string; source: string; upvotes: number; comments: number; github_stars: number }>(
        LAST_OF_SOURCES,
        [pairs.map((item) => item.paper.id), pairs.map((item) => item.source), at],
      );
      for (const row of last.rows) {
        previous.set(`${row.paper_id}\n${row.source}`, { upvotes: row.upvotes, comments: row.comments, githubStars: row.github_stars });
      }
    }
    if (signalled.length > 0) {
      const o = observations(signalled, previous);
      await client.query(INSERT_SIGNALS, [at, o.paperIds, o.sources, o.upvotes, o.comments, o.stars]);
    }
    // Whatever indexes papers re-reads what changed: text, dates or the latest upvotes.
    await hooks.papersChanged(
      client,
      [...touched].map((id) => byId.get(id)?.docId as number),
    );
    return summary;
  }

  return {
    async upsertMany(items, observedAt) {
      for (const item of items) {
        if (!item.paper.id) throw new PaperboyError('bad_input', `A ${item.source} item has no paper id`);
      }
      if (items.length === 0) return { inserted: 0, updated: 0, unchanged: 0, signals: 0 };
      try {
        return await inTransaction(db.pool, (client) => write(client, items, observedAt.toISOString()));
      } catch (error) {
        if (error instanceof PaperboyError) throw error;
        throw new PaperboyError('store', `Saving ${items.length} papers failed: ${describeError(error)}`, { cause: error });
      }
    },

    async get(id) {
      const [row] = await storeCall(`Reading paper ${id}`, () => reads.get.execute({ id }));
      return row ? toStored(row.paper, row.latest) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      const rows = await storeCall(`Reading ${ids.length} papers`, () => reads.getMany.execute({ ids: [...ids] }));
      const found = new Map(rows.map((row) => [row.paper.id, toStored(row.paper, row.latest)]));
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    async count() {
      const [row] = await storeCall('Counting papers', () => reads.count.execute());
      return row?.n ?? 0;
    },
  };
}
