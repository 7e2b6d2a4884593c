/**
 * The PostgreSQL CandidateStore: the SQLite store's pools (sqlite/candidates-repo.ts) read with one index range scan
 * on `papers_submitted_idx` and two lateral seeks per paper for the latest and the baseline signals. Topics are
 * matched by the SQLite engine over an in-memory copy of the pool, so they rank exactly as on SQLite.
 */
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import { PaperboyError, describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { silentLogger } from '../../core/logger.ts';
import type { CandidatePool, CandidateStore } from '../../core/ports.ts';
import { toCandidate } from '../rows.ts';
import { createPoolIndexOver } from '../sqlite/search/index.ts';
import type { PgDb } from './db.ts';
import { paperSignals, papers } from './schema.ts';

/** The submission instant exactly as `papers_submitted_idx` indexes it, so a range on it is one index scan. */
const submitted = sql<string>`coalesce(${papers.hfSubmittedAt}, ${papers.publishedAt}, ${papers.firstSeenAt})`;

function prepare(db: PgDb) {
  const ph = sql.placeholder;
  // The newest observation at or before an instant: a backward scan of (paper_id, observed_at).
  const newest = (name: string, at: string) =>
    db.orm
      .select({
        upvotes: paperSignals.upvotes,
        comments: paperSignals.comments,
        githubStars: paperSignals.githubStars,
        observedAt: paperSignals.observedAt,
      })
      .from(paperSignals)
      .where(and(eq(paperSignals.paperId, papers.id), lte(paperSignals.observedAt, ph(at))))
      .orderBy(desc(paperSignals.observedAt), desc(paperSignals.id))
      .limit(1)
      .as(name);
  const latest = newest('latest', 'until');
  const base = newest('base', 'baselineAt');
  return (
    db.orm
      .select({
        paper: papers,
        submittedAt: submitted,
        latest: { upvotes: latest.upvotes, comments: latest.comments, githubStars: latest.githubStars, observedAt: latest.observedAt },
        base: { upvotes: base.upvotes, comments: base.comments, githubStars: base.githubStars },
      })
      .from(papers)
      .leftJoinLateral(latest, sql`true`)
      .leftJoinLateral(base, sql`true`)
      .where(and(gte(submitted, ph('since')), lt(submitted, ph('until'))))
      // The order SQLite's index scan yields: submission, then doc id.
      .orderBy(submitted, papers.docId)
      .prepare('candidates_pool')
  );
}

type Row = Awaited<ReturnType<ReturnType<typeof prepare>['execute']>>[number];

/** A CandidateStore over PostgreSQL; topic matching logs (and skips) a topic FTS5 rejects. */
export function createPostgresCandidateStore(db: PgDb, log: Logger = silentLogger): CandidateStore {
  const statement = prepare(db);

  return {
    async loadPool(window) {
      const baselineAt = new Date(window.until.getTime() - window.velocityWindowMs).toISOString();
      let rows: Row[];
      try {
        rows = await statement.execute({ since: window.since.toISOString(), until: window.until.toISOString(), baselineAt });
      } catch (error) {
        throw new PaperboyError('store', `Loading the candidates failed: ${describeError(error)}`, { cause: error });
      }
      const candidates = rows.map((row) => toCandidate(row, baselineAt));
      // `corpus` requests are matched in pool mode too: there is no papers_fts here to match against. They find the
      // same papers as SQLite's corpus mode, but BM25 weighs them with the pool's statistics, not the corpus's.
      const index = createPoolIndexOver(candidates, log);
      const pool: CandidatePool = {
        since: window.since,
        until: window.until,
        candidates,
        matchTopics: async (topics, options) => index.match(topics, options?.since),
        close: () => index.close(),
      };
      return pool;
    },
  };
}
