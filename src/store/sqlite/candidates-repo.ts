/**
 * The SQLite CandidateStore. One pool per digest run (or trending request): the papers submitted in a window,
 * read with one index range scan plus two index seeks per paper for the latest and the baseline signals.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Candidate } from '../../core/candidate.ts';
import type { Logger } from '../../core/logger.ts';
import { silentLogger } from '../../core/logger.ts';
import type { CandidatePool, CandidateStore } from '../../core/ports.ts';
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

type Row = ReturnType<ReturnType<typeof prepare>['all']>[number];

const ZERO = { upvotes: 0, comments: 0, githubStars: 0 };

/**
 * The baseline for velocity when no observation precedes the velocity window: a paper submitted inside the
 * window gained all its upvotes there (baseline 0); an older paper first seen now (a fresh install, a late
 * backfill) has an unknown gain, so its baseline is its current count and its velocity 0 — never "+N today".
 */
function baselineOf(row: Row, baselineAt: string): Candidate['baseline'] {
  if (row.base) return row.base;
  if (row.latest && row.submittedAt !== null && row.submittedAt < baselineAt) {
    return { upvotes: row.latest.upvotes, comments: row.latest.comments, githubStars: row.latest.githubStars };
  }
  return ZERO;
}

function toCandidate(row: Row, baselineAt: string): Candidate {
  const { docId: _docId, ...paper } = row.paper;
  const latest = row.latest;
  return {
    paper: {
      ...paper,
      signals: latest
        ? { upvotes: latest.upvotes, comments: latest.comments, githubStars: latest.githubStars, observedAt: latest.observedAt }
        : { upvotes: 0, comments: 0, githubStars: 0, observedAt: null },
    },
    submittedAt: row.submittedAt,
    baseline: baselineOf(row, baselineAt),
  };
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
