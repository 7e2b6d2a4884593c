/**
 * One digest run: the candidate pool is loaded and scored ONCE, topics are compiled and matched once per
 * distinct topic, and every channel of the run builds its digest from those (10,000 channels share the work).
 */
import { toCard, type PaperCard } from '../card.ts';
import type { ChannelSettings } from '../channel.ts';
import { rankForChannel, scorePool, type ChannelTopicMatches, type ScoredCandidate } from '../channel-ranking.ts';
import { composeDigest, selectPapers } from './builder.ts';
import type { Digest } from './model.ts';
import { digestWindow, type DigestWindow } from './window.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { StoredPaper } from '../paper.ts';
import type { CandidatePool, CandidateStore, ChannelStore, DeliveryStore } from '../ports.ts';
import { MAX_DIGEST_WINDOW_MS, SHOWN_LOOKAHEAD_PER_CARD, SUBMISSION_GRANULARITY_MS, VELOCITY_WINDOW_MS } from '../ranking-constants.ts';
import { compileTopic, type CompiledTopic } from '../query/topic.ts';

/** What a run reads. */
export interface DigestRunDeps {
  candidates: CandidateStore;
  channels: Pick<ChannelStore, 'topics'>;
  deliveries: Pick<DeliveryStore, 'shownAmong' | 'previousScheduledSlot'>;
  log: Logger;
  /** Status lines for a digest's footer (stale sources, arXiv weekends); none when absent. */
  footer?: (channel: ChannelSettings, at: Date) => Promise<string[]>;
}

/** A run at one instant; close it when done (it holds the pool's index). */
export interface DigestRun {
  readonly now: Date;
  /** The window of a channel's digest at `at` (the slot's due time, or now). */
  windowFor(channel: ChannelSettings, at: Date): Promise<DigestWindow>;
  /** Builds the channel's digest for `slotKey` at `at`; reads what was shown, records nothing. */
  build(channel: ChannelSettings, slotKey: string, at: Date, window?: DigestWindow): Promise<Digest>;
  close(): void;
}

/** The earliest window start any channel can have at `now`: the pool of a run covers every channel. */
export function widestPoolStart(now: Date): Date {
  const start = now.getTime() - MAX_DIGEST_WINDOW_MS;
  return new Date(Math.floor(start / SUBMISSION_GRANULARITY_MS) * SUBMISSION_GRANULARITY_MS);
}

/** The window of a channel's digest at `at` (the slot's due time, or now): from its previous posted scheduled slot. */
export async function resolveWindow(deps: Pick<DigestRunDeps, 'deliveries'>, channel: ChannelSettings, at: Date): Promise<DigestWindow> {
  const previous = await deps.deliveries.previousScheduledSlot(channel, at);
  return digestWindow(channel, at, previous?.dueAt ?? null);
}

/** Creates a run at `now`; `poolSince` narrows the pool when the caller knows every window starts later. */
export function createDigestRun(deps: DigestRunDeps, now: Date, options: { poolSince?: Date } = {}): DigestRun {
  let loading: Promise<{ pool: CandidatePool; scored: ScoredCandidate[] }> | null = null;
  const compiled = new Map<string, CompiledTopic | null>();
  const cards = new Map<string, PaperCard>();
  const cardOf = (paper: StoredPaper): PaperCard => {
    let card = cards.get(paper.id);
    if (!card) {
      card = toCard(paper);
      cards.set(paper.id, card);
    }
    return card;
  };

  function loadPool() {
    loading ??= (async () => {
      const since = options.poolSince ?? widestPoolStart(now);
      const pool = await deps.candidates.loadPool({ since, until: now, velocityWindowMs: VELOCITY_WINDOW_MS });
      // Best trending first, so a channel without topics only walks the head of the list.
      return { pool, scored: scorePool(pool.candidates, now) };
    })();
    return loading;
  }

  function compile(topic: { normalized: string; raw: string }): CompiledTopic | null {
    if (!compiled.has(topic.normalized)) {
      let result: CompiledTopic | null = null;
      try {
        result = compileTopic(topic.raw, topic.normalized);
      } catch (error) {
        deps.log.warn({ topic: topic.normalized, error: describeError(error) }, 'stored topic no longer parses; it matches nothing');
      }
      compiled.set(topic.normalized, result);
    }
    return compiled.get(topic.normalized) ?? null;
  }

  async function topicMatches(channel: ChannelSettings, pool: CandidatePool, since: Date): Promise<ChannelTopicMatches[] | null> {
    const topics = await deps.channels.topics(channel);
    if (topics.length === 0) return null;
    const ready = topics.map(compile).filter((t): t is CompiledTopic => t !== null);
    // Only the window's papers: channels sharing a window start (most, thanks to UTC-day flooring) share the work.
    const matched = await pool.matchTopics(
      ready.map((t) => t.query),
      { since },
    );
    // A topic that failed to compile stays in the list with no matches, so the channel is not sent everything.
    return topics.map((topic) => {
      const c = compiled.get(topic.normalized) ?? null;
      return { key: topic.normalized, label: c?.label ?? topic.raw, matches: (c && matched.get(c.key)) || new Map<string, number>() };
    });
  }

  const run: DigestRun = {
    now,
    windowFor: (channel, at) => resolveWindow(deps, channel, at),

    async build(channel, slotKey, at, known) {
      const [{ pool, scored }, window] = await Promise.all([loadPool(), known ?? resolveWindow(deps, channel, at)]);
      const topics = await topicMatches(channel, pool, window.since);
      const shown = new Set<string>();
      const checked = new Set<string>();
      let limit = channel.size * SHOWN_LOOKAHEAD_PER_CARD;
      for (;;) {
        const ranked = rankForChannel({ channel, window, scored, topics, limit });
        const unchecked = ranked.map((p) => p.candidate.paper.id).filter((id) => !checked.has(id));
        for (const id of await deps.deliveries.shownAmong(channel, unchecked)) shown.add(id);
        for (const id of unchecked) checked.add(id);
        const selected = selectPapers(ranked, shown, channel.size);
        // Ran out of unseen papers in the checked head while more were eligible: look further down the list.
        if (selected.length >= channel.size || ranked.length < limit) {
          const footer = deps.footer ? await deps.footer(channel, at) : [];
          return composeDigest(selected, { channel, slotKey, at, window, hasTopics: topics !== null, footer, cardOf });
        }
        limit *= 4;
      }
    },

    close() {
      if (loading)
        void loading.then(
          ({ pool }) => pool.close(),
          () => undefined,
        );
    },
  };
  return run;
}
