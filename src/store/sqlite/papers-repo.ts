/** The SQLite PaperStore: merge-upserts papers and records their engagement signals as a time series. */
import { and, count, desc, eq, lte, sql } from 'drizzle-orm';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { Signals, SourcedPaper, StoredPaper } from '../../core/paper.ts';
import type { PaperStore, UpsertSummary } from '../../core/ports.ts';
import type { Db } from './db.ts';
import { EMPTY_PAPER, mergePaper, type MergedPaper } from '../paper-merge.ts';
import { paperSignals, papers, type PaperRow } from './schema.ts';
import { COUNTER_NAMES, hasSignals, reported } from '../rows.ts';

type Counters = Required<Signals>;

const ZERO: Counters = { upvotes: 0, comments: 0, githubStars: 0 };

type EncodedPaper = Omit<MergedPaper, 'authors' | 'categories' | 'aiKeywords'> & {
  authors: string;
  categories: string;
  aiKeywords: string;
  updatedAt: string;
};

function encode(paper: MergedPaper, updatedAt: string): EncodedPaper {
  return {
    ...paper,
    authors: JSON.stringify(paper.authors),
    categories: JSON.stringify(paper.categories),
    aiKeywords: JSON.stringify(paper.aiKeywords),
    updatedAt,
  };
}

function prepareStatements(db: Db) {
  const { orm } = db;
  const ph = sql.placeholder;
  // Wrapped in sql`` because drizzle types update().set() without placeholders; wrapped placeholders skip the
  // column encoders, so `encode()` serializes the JSON columns itself.
  const bind = (name: keyof EncodedPaper) => sql`${ph(name)}`;
  const columns = {
    version: bind('version'),
    title: bind('title'),
    abstract: bind('abstract'),
    authors: bind('authors'),
    categories: bind('categories'),
    publishedAt: bind('publishedAt'),
    hfSubmittedAt: bind('hfSubmittedAt'),
    aiSummary: bind('aiSummary'),
    aiKeywords: bind('aiKeywords'),
    githubRepo: bind('githubRepo'),
    projectPage: bind('projectPage'),
    thumbnail: bind('thumbnail'),
    organization: bind('organization'),
    organizationHandle: bind('organizationHandle'),
    updatedAt: bind('updatedAt'),
  };
  return {
    find: orm
      .select()
      .from(papers)
      .where(eq(papers.id, ph('id')))
      .prepare(),
    insert: orm
      .insert(papers)
      .values({ ...columns, id: ph('id'), firstSeenAt: bind('updatedAt') })
      .prepare(),
    update: orm
      .update(papers)
      .set(columns)
      .where(eq(papers.docId, ph('docId')))
      .prepare(),
    // The newest observation of one (paper, source) at or before the batch's moment, for carrying counters forward.
    lastOfSource: orm
      .select({ upvotes: paperSignals.upvotes, comments: paperSignals.comments, githubStars: paperSignals.githubStars })
      .from(paperSignals)
      .where(
        and(eq(paperSignals.paperId, ph('paperId')), eq(paperSignals.source, ph('source')), lte(paperSignals.observedAt, ph('observedAt'))),
      )
      .orderBy(desc(paperSignals.observedAt), desc(paperSignals.id))
      .limit(1)
      .prepare(),
    insertSignal: orm
      .insert(paperSignals)
      .values({
        paperId: ph('paperId'),
        source: ph('source'),
        observedAt: ph('observedAt'),
        upvotes: ph('upvotes'),
        comments: ph('comments'),
        githubStars: ph('githubStars'),
      })
      .prepare(),
    latest: orm
      .select()
      .from(paperSignals)
      .where(eq(paperSignals.paperId, ph('paperId')))
      .orderBy(desc(paperSignals.observedAt), desc(paperSignals.id))
      .limit(1)
      .prepare(),
    // Many papers in one statement each for rows and latest signals: a page of search hits.
    findMany: orm
      .select()
      .from(papers)
      .where(sql`${papers.id} IN (SELECT value FROM json_each(${ph('ids')}))`)
      .prepare(),
    latestMany: orm
      .select()
      .from(paperSignals)
      .where(
        sql`${paperSignals.id} IN (SELECT (SELECT s.id FROM paper_signals s WHERE s.paper_id = j.value ORDER BY s.observed_at DESC, s.id DESC LIMIT 1) FROM json_each(${ph('ids')}) j)`,
      )
      .prepare(),
    count: orm.select({ n: count() }).from(papers).prepare(),
  };
}

type SignalRow = typeof paperSignals.$inferSelect;

/** A stored row and its latest signals (none yet: zeros) as the store reports them. */
function toStored(row: PaperRow, signal: SignalRow | undefined): StoredPaper {
  const { docId: _docId, ...paper } = row;
  return {
    ...paper,
    signals: signal
      ? { upvotes: signal.upvotes, comments: signal.comments, githubStars: signal.githubStars, observedAt: signal.observedAt }
      : { ...ZERO, observedAt: null },
  };
}

/**
 * What the schema maintains by itself. Migrations bring every database to the current schema, but upgrade tests
 * write through this store at older ones: before 0001 there is no FTS, before 0003 a trigger indexes each paper.
 */
function schemaFeatures(db: Db): { indexText: ((docIds: number[]) => void) | null } {
  const has = (type: string, name: string) =>
    db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?)').pluck().get(type, name) === 1;
  const batched = has('table', 'papers_fts') && !has('trigger', 'papers_fts_ai');
  // One statement per batch, not a trigger per row: a trigger's savepoint makes FTS5 flush to disk every time.
  const insert = batched
    ? db.sqlite.prepare(
        `INSERT INTO papers_fts (rowid, title, abstract, authors, ai_keywords)
         SELECT doc_id, title, abstract, authors, ai_keywords FROM papers WHERE doc_id IN (SELECT value FROM json_each(?))`,
      )
    : null;
  return { indexText: insert ? (docIds) => void insert.run(JSON.stringify(docIds)) : null };
}

function toMerged(row: PaperRow): MergedPaper {
  const { docId: _docId, id: _id, firstSeenAt: _firstSeenAt, updatedAt: _updatedAt, ...merged } = row;
  return merged;
}

/** What the paper store tells the rest of the store. */
export interface PaperStoreHooks {
  /** Inside each write transaction, after papers_fts has the batch: the doc ids of papers inserted or changed. */
  papersChanged(docIds: readonly number[]): void;
}

/** A PaperStore over the SQLite database; prepare once, reuse for the process's lifetime. */
export function createSqlitePaperStore(db: Db, hooks: PaperStoreHooks): PaperStore {
  const statements = prepareStatements(db);
  const schema = schemaFeatures(db);

  /** Writes one item; returns what happened to its paper row, whether a signal row was written, and the row's doc id. */
  function upsertOne(
    item: SourcedPaper,
    observedAt: string,
    beforeUpdate: (docId: number) => void,
  ): { outcome: keyof UpsertSummary; signal: boolean; docId: number } {
    const { id } = item.paper;
    if (!id) throw new PaperboyError('bad_input', `A ${item.source} item has no paper id`);
    const stored = statements.find.get({ id });
    let outcome: keyof UpsertSummary = 'unchanged';
    let docId: number;
    if (!stored) {
      const { merged } = mergePaper(EMPTY_PAPER, item.paper);
      docId = Number(statements.insert.run({ ...encode(merged, observedAt), id }).lastInsertRowid);
      outcome = 'inserted';
    } else {
      docId = stored.docId;
      const { merged, changed } = mergePaper(toMerged(stored), item.paper);
      if (changed) {
        beforeUpdate(stored.docId);
        statements.update.run({ ...encode(merged, observedAt), docId: stored.docId });
        outcome = 'updated';
      }
    }
    const signals = item.signals;
    if (!hasSignals(signals)) return { outcome, signal: false, docId };
    const previous = statements.lastOfSource.get({ paperId: id, source: item.source, observedAt }) ?? ZERO;
    const counters = { ...previous };
    for (const name of COUNTER_NAMES) {
      const value = signals[name];
      if (reported(value)) counters[name] = value;
    }
    statements.insertSignal.run({ paperId: id, source: item.source, observedAt, ...counters });
    return { outcome, signal: true, docId };
  }

  return {
    async upsertMany(items, observedAt) {
      const at = observedAt.toISOString();
      const summary: UpsertSummary = { inserted: 0, updated: 0, unchanged: 0, signals: 0 };
      try {
        // IMMEDIATE takes the write lock up front: a deferred transaction that reads first cannot wait for another
        // process's writer (SQLITE_BUSY without busy_timeout), e.g. `paperboy ingest` beside the running bot.
        db.orm.transaction(
          () => {
            const pending = new Set<number>();
            const indexPending = () => {
              if (pending.size > 0) schema.indexText?.([...pending]);
              pending.clear();
            };
            // The update trigger rewrites a paper's FTS entry, so a paper inserted earlier in this batch is indexed first.
            const beforeUpdate = (docId: number) => {
              if (pending.has(docId)) indexPending();
            };
            const touched: number[] = [];
            for (const item of items) {
              const { outcome, signal, docId } = upsertOne(item, at, beforeUpdate);
              summary[outcome] += 1;
              if (signal) summary.signals += 1;
              if (outcome === 'inserted') pending.add(docId);
              if (outcome !== 'unchanged' || signal) touched.push(docId);
            }
            indexPending();
            // Whatever indexes papers re-reads what changed: text, dates or the latest upvotes.
            hooks.papersChanged(touched);
          },
          { behavior: 'immediate' },
        );
      } catch (error) {
        if (error instanceof PaperboyError) throw error;
        throw new PaperboyError('store', `Saving ${items.length} papers failed: ${describeError(error)}`, {
          cause: error,
        });
      }
      return summary;
    },

    async get(id) {
      const row = statements.find.get({ id });
      return row ? toStored(row, statements.latest.get({ paperId: id })) : null;
    },

    async getMany(ids) {
      const json = JSON.stringify(ids);
      const signals = new Map(statements.latestMany.all({ ids: json }).map((s) => [s.paperId, s]));
      const found = new Map(statements.findMany.all({ ids: json }).map((row) => [row.id, toStored(row, signals.get(row.id))]));
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    async count() {
      return statements.count.get()?.n ?? 0;
    },
  };
}
