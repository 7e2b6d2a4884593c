/**
 * The SQLite CandidateStore. One pool per digest run (or trending request): the papers submitted in a window,
 * read with one index range scan plus two index seeks per paper for the latest and the baseline signals.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Logger } from '../../core/logger.ts';
import { silentLogger } from '../../core/logger.ts';
import type { CandidatePool, CandidateStore } from '../../core/ports.ts';
import { toCandidate } from '../rows.ts';
import type { Db } from './db.ts';
import { createPoolIndex } from './search/index.ts';
import { paperSignals, papers } from './schema.ts';

/** The submission instant exactly as `papers_submitted_idx` indexes it, so a range on it is one index scan. */
export const submitted = sql<string>`coalesce(${papers.hfSubmittedAt}, ${papers.publishedAt}, ${papers.firstSeenAt})`;

function prepare(db: Db) {
  const latest = alias(paperSignals, 'latest');
  const base = alias(paperSignals, 'base');
  const ph = sql.placeholder;
  // The newest observation at or before an instant: a reverse seek on (paper_id, observed_at, rowid).
  const newest = (at: string) =>
    sql`(SELECT s.id FROM paper_signals s WHERE s.paper_id = ${papers.id} AND s.observed_at <= ${ph(at)} ORDER BY s.observed_at DESC, s.id DESC LIMIT 1)`;
  return db.orm
    .select({
      paper: papers,
      submittedAt: submitted,
      latest: { upvotes: latest.upvotes, comments: latest.comments, githubStars: latest.githubStars, observedAt: latest.observedAt },
      base: { upvotes: base.upvotes, comments: base.comments, githubStars: base.githubStars },
    })
    .from(papers)
    .leftJoin(latest, eq(latest.id, newest('until')))
    .leftJoin(base, eq(base.id, newest('baselineAt')))
    .where(and(gte(submitted, ph('since')), lt(submitted, ph('until'))))
    .prepare();
}

/** A CandidateStore over the SQLite database; topic matching logs (and skips) a topic FTS5 rejects. */
export function createSqliteCandidateStore(db: Db, log: Logger = silentLogger): CandidateStore {
  const statement = prepare(db);

  return {
    async loadPool(window) {
      const baselineAt = new Date(window.until.getTime() - window.velocityWindowMs).toISOString();
      const rows = statement.all({ since: window.since.toISOString(), until: window.until.toISOString(), baselineAt });
      const candidates = rows.map((row) => toCandidate(row, baselineAt));
      const docIds = rows.map((row) => row.paper.docId);
      const index = createPoolIndex(db, candidates, docIds, log, window.topicIndex ?? 'pool');
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
