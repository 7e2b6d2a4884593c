/**
 * Every constant that shapes ranking, in one place (docs/architecture.md §7). Each says why it has the value it has;
 * change one here and the trending, digest and topic tests say what moved.
 */

/** Milliseconds in an hour and a day, for the windows below. */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

// ── Trending score: points / (age + AGE_OFFSET_HOURS) ^ GRAVITY ─────────────────────────────────────────────

/**
 * Points every paper starts with. HN subtracts the submitter's own vote; we add one instead, so that papers
 * nobody has voted on yet (fresh arXiv listings) still order by freshness rather than all tying at zero.
 */
export const BASE_POINTS = 1;

/** An upvote on Hugging Face is the unit of interest. */
export const UPVOTE_WEIGHT = 1;

/** A comment costs more effort than an upvote and signals discussion, but is rare and sometimes only the authors'. */
export const COMMENT_WEIGHT = 2;

/**
 * GitHub stars count on a log2 scale: popular repos collect thousands (often for the code, not the paper), so
 * linear stars would drown upvotes. 1,000 stars ≈ 10 doublings ≈ 20 points ≈ twenty upvotes.
 */
export const STAR_LOG2_WEIGHT = 2;

/**
 * Each upvote gained in the velocity window counts this much on top of the total, so a paper gathering votes now
 * beats one with the same total gathered days ago (the gain is read from paper_signals).
 */
export const VELOCITY_WEIGHT = 1;

/** How far back velocity looks: "upvotes gained over the last 24 h" (the reason line says "today"). */
export const VELOCITY_WINDOW_MS = DAY_MS;

/** HN's gravity: high enough that a day-old paper needs ~10× the points of a fresh one; papers age out in days. */
export const GRAVITY = 1.8;

/** HN's offset: keeps a paper's first hours from dividing by ~0 and lets brand-new papers compete at once. */
export const AGE_OFFSET_HOURS = 2;

/** Counts above this are treated as this: keeps garbage (1e308 upvotes) finite through the formula. */
export const MAX_COUNT = 1_000_000_000;

// ── Topic relevance ───────────────────────────────────────────────────────────────────────────────────────

/**
 * FTS5 bm25() column weights in `papers_fts` column order (title, abstract, authors, ai_keywords): a word in the
 * title says most about a paper, then its AI keywords, then an author name (so `author:` topics score well),
 * then the long abstract, whose many words would otherwise dominate.
 */
export const BM25_WEIGHTS = { title: 10.0, abstract: 1.0, authors: 3.0, aiKeywords: 5.0 } as const;

/**
 * How much topic relevance lifts the trending score: combined = trending × (1 + RELEVANCE_BLEND × r), where r is
 * the paper's BM25 relevance divided by the best relevance of that topic among the candidates (0–1). BM25 is
 * unbounded and not comparable across topics, so it is normalized per topic; at 1.0 the best match of a topic
 * counts double, so relevance re-orders papers of similar popularity without burying a far more popular one.
 */
export const RELEVANCE_BLEND = 1.0;

// ── Digest selection ──────────────────────────────────────────────────────────────────────────────────────

/** A digest looks back at least a day, even when the previous slot was more recent (docs/architecture.md §7). */
export const MIN_DIGEST_WINDOW_MS = DAY_MS;

/** …and at most a week, so a weekly channel sees a week and a channel back from a long pause is not flooded. */
export const MAX_DIGEST_WINDOW_MS = 7 * DAY_MS;

/**
 * Titles whose normalized word sets overlap at least this much (Jaccard) are near-duplicates (v1 and a renamed
 * resubmission, a paper and its "technical report"): only the better-ranked one makes a digest. 0.6 catches a
 * changed subtitle while keeping papers that only share a field's vocabulary apart.
 */
export const NEAR_DUPLICATE_TITLE_JACCARD = 0.6;

/** Title words shorter than this are ignored by the near-duplicate test ("a", "of", "on" carry no identity). */
export const TITLE_WORD_MIN_LENGTH = 3;

/** A reason says "+N upvotes today" from this many upvotes gained; below it, the gain is noise. */
export const VELOCITY_REASON_MIN_UPVOTES = 3;

/**
 * How many top-ranked papers per digest slot to check against what the channel was already shown, per round:
 * checking all of them costs an index lookup each, and the top few almost always suffice.
 */
export const SHOWN_LOOKAHEAD_PER_CARD = 4;

// ── /papers trending ──────────────────────────────────────────────────────────────────────────────────────

/** How many days each `/papers trending` period looks back. */
export const TRENDING_PERIOD_DAYS = { day: 1, week: 7, month: 30 } as const;

/**
 * Hugging Face stamps every paper of a daily list with that day's 00:00 UTC although papers join the list all
 * day, so window starts (digests and trending) are floored to this granularity: a paper that joined the list
 * after the previous digest still shows in the next one (deliveries stop repeats of those already shown).
 */
export const SUBMISSION_GRANULARITY_MS = DAY_MS;

/** Search ranking (`/papers search`, `paperboy search`), each value with its reason. */
export const SEARCH_SETTINGS = {
  /** Hugging Face search may add at most this much latency to a reply (the 3 s Slack/Discord windows). */
  federatedDeadlineMs: 1500,
  /** Weight of log-upvotes in the prior, relative to a best-match relevance of 1: breaks near-ties only. */
  upvoteWeight: 0.08,
  /** Upvotes at which the upvote prior saturates. */
  upvoteSaturation: 200,
  /** Weight of recency in the prior: a paper from today gains this much over a very old one. */
  recencyWeight: 0.04,
  /** Recency half-life in days: last month's papers still count as recent, last decade's do not. */
  recencyHalfLifeDays: 180,
  /** Hits that only the relaxed (any-word) query found rank below every strict hit, scaled into this band. */
  relaxedBand: 0.5,
} as const;
