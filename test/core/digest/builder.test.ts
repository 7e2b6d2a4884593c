import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../src/core/candidate.ts';
import type { ChannelSettings } from '../../../src/core/channel.ts';
import type { SourcedPaper } from '../../../src/core/paper.ts';
import { buildDigest, type ChannelTopicMatches, type DigestBuildInput } from '../../../src/core/digest/builder.ts';
import { defaultChannelSettings } from '../../../src/core/digest/service.ts';
import { digestMarker } from '../../../src/core/digest/text.ts';
import { digestWindow } from '../../../src/core/digest/window.ts';
import { candidateOf, sampleByTitle, samplePapers } from './digest-fixtures.ts';

const HOUR = 3_600_000;
const NOW = new Date('2025-03-04T08:00:00.000Z'); // Tue 09:00 in Berlin
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);
const SAMPLE = samplePapers();
/** The sample paper at `i` (the sample has 44). */
function nth(i: number): SourcedPaper {
  const item = SAMPLE[i];
  if (!item) throw new Error(`no sample paper #${i}`);
  return item;
}
const FIRST = nth(0);

function channel(overrides: Partial<ChannelSettings> = {}): ChannelSettings {
  return { ...defaultChannelSettings({ platform: 'console', channelId: 'team' }, 'Europe/Berlin'), ...overrides };
}

/** Every sample paper submitted `hours` ago, upvotes by position so the order is known: the first has the most. */
function pool(hours = 3): Candidate[] {
  return SAMPLE.map((item, i) => candidateOf(item, { submittedAt: ago(hours), upvotes: 100 - i, githubRepo: null }));
}

function input(overrides: Partial<DigestBuildInput> = {}): DigestBuildInput {
  const ch = overrides.channel ?? channel();
  return {
    channel: ch,
    slotKey: '2025-03-04',
    at: NOW,
    window: digestWindow(ch, NOW, ago(24)),
    candidates: pool(),
    topics: [],
    shown: new Set(),
    footer: [],
    ...overrides,
  };
}

function topic(label: string, matches: Array<[string, number]>): ChannelTopicMatches {
  return { key: label, label, matches: new Map(matches) };
}

const ids = (digest: { cards: Array<{ id: string }> }) => digest.cards.map((c) => c.id);

describe('buildDigest', () => {
  it('GIVEN a channel with no topics THEN it gets the overall trending top N, best first, each marked trending', () => {
    const digest = buildDigest(input());
    expect(ids(digest)).toEqual(SAMPLE.slice(0, 5).map((item) => item.paper.id));
    expect(digest.cards.every((c) => c.reason === 'trending')).toBe(true);
    expect(digest.emptyText).toBeNull();
    expect(digest.header).toBe('Trending papers · Tue 4 Mar');
  });

  it('GIVEN the channel size THEN at most that many cards', () => {
    expect(buildDigest(input({ channel: channel({ size: 2 }) })).cards).toHaveLength(2);
    expect(buildDigest(input({ channel: channel({ size: 10 }) })).cards).toHaveLength(10);
  });

  it('GIVEN topics THEN only papers matching one appear, relevance lifts similar ones, and the reason names the best topic', () => {
    const [a, b, c] = [nth(10), nth(11), nth(30)].map((item) => item.paper.id) as [string, string, string];
    const digest = buildDigest(
      input({
        topics: [
          topic('self-correction', [
            [a, 1],
            [b, 9],
          ]),
          topic('author:"yann lecun"', [[c, 5]]),
        ],
      }),
    );
    // b (89 upvotes, its topic's best match: ×2) beats a (90 upvotes, a weak match: ×1.11); c (70 upvotes) is the
    // best match of the other topic (×2), which also lifts it past a.
    expect(ids(digest)).toEqual([b, c, a]);
    expect(digest.cards.map((card) => card.reason)).toEqual([
      'matches *self-correction*',
      'matches *author:"yann lecun"*',
      'matches *self-correction*',
    ]);
  });

  it('GIVEN topics that match nothing THEN the digest is empty and says so with the topics wording', () => {
    const digest = buildDigest(input({ topics: [topic('quantum gravity', [])] }));
    expect(digest.cards).toEqual([]);
    expect(digest.emptyText).toBe('Nothing new matched your topics since Monday.');
  });

  it('GIVEN nothing new at all in a channel without topics THEN the empty line says nothing is trending', () => {
    const digest = buildDigest(input({ candidates: [] }));
    expect(digest.emptyText).toBe('Nothing new is trending since Monday.');
  });

  it('GIVEN papers below the channel min_upvotes THEN they are left out', () => {
    const digest = buildDigest(input({ channel: channel({ minUpvotes: 98 }) }));
    expect(digest.cards.map((c) => c.upvotes)).toEqual([100, 99, 98]);
  });

  it('GIVEN papers the channel was already shown THEN they are left out and the next ones fill in', () => {
    const shown = new Set(SAMPLE.slice(0, 3).map((item) => item.paper.id));
    expect(ids(buildDigest(input({ shown })))).toEqual(SAMPLE.slice(3, 8).map((item) => item.paper.id));
  });

  it('GIVEN a near-duplicate title (a renamed resubmission) THEN only the better-ranked one makes it', () => {
    const original = sampleByTitle(SAMPLE, 'Training Language Models to Self-Correct');
    const candidates = [
      candidateOf(original, { submittedAt: ago(3), upvotes: 50 }),
      candidateOf(
        { ...original, paper: { ...original.paper, id: '2503.99999' } },
        {
          submittedAt: ago(3),
          upvotes: 40,
          title: 'Training Language Models to Self-Correct via Reinforcement Learning: Extended Version',
        },
      ),
      candidateOf(sampleByTitle(SAMPLE, 'SSRL'), { submittedAt: ago(3), upvotes: 30 }),
    ];
    expect(ids(buildDigest(input({ candidates })))).toEqual([original.paper.id, sampleByTitle(SAMPLE, 'SSRL').paper.id]);
  });

  it('GIVEN two papers with the same GitHub repo, spelled differently THEN only the better-ranked one makes it', () => {
    const [x, y, z] = [nth(0), nth(1), nth(2)];
    const candidates = [
      candidateOf(x, { submittedAt: ago(3), upvotes: 50, githubRepo: 'https://github.com/Org/Repo' }),
      candidateOf(y, { submittedAt: ago(3), upvotes: 40, githubRepo: 'http://www.github.com/org/repo.git/' }),
      candidateOf(z, { submittedAt: ago(3), upvotes: 30, githubRepo: 'https://github.com/org/other' }),
    ];
    expect(ids(buildDigest(input({ candidates })))).toEqual([x.paper.id, z.paper.id]);
  });

  it('GIVEN upvotes gained in the last 24 h THEN the reason says "+N upvotes today", with the topic when there is one', () => {
    const [x, y] = [nth(0), nth(1)];
    const candidates = [
      candidateOf(x, { submittedAt: ago(30), upvotes: 60, baselineUpvotes: 20 }),
      candidateOf(y, { submittedAt: ago(30), upvotes: 61, baselineUpvotes: 60 }),
    ];
    const plain = buildDigest(input({ candidates, window: digestWindow(channel(), NOW, ago(48)) }));
    expect(plain.cards.map((c) => c.reason)).toEqual(['+40 upvotes today', 'trending']);
    const topical = buildDigest(
      input({ candidates, window: digestWindow(channel(), NOW, ago(48)), topics: [topic('diffusion', [[x.paper.id, 2]])] }),
    );
    expect(topical.cards.map((c) => c.reason)).toEqual(['matches *diffusion* · +40 upvotes today']);
  });

  it('GIVEN a slot THEN the marker is short, deterministic, and differs per channel and per slot', () => {
    const digest = buildDigest(input());
    expect(digest.marker).toBe(digestMarker({ platform: 'console', channelId: 'team' }, '2025-03-04'));
    expect(digest.marker.length).toBeLessThanOrEqual(25);
    expect(digest.marker).toMatch(/^pb-[0-9a-z]+$/);
    expect(digestMarker({ platform: 'console', channelId: 'team' }, '2025-03-05')).not.toBe(digest.marker);
    expect(digestMarker({ platform: 'console', channelId: 'other' }, '2025-03-04')).not.toBe(digest.marker);
  });

  it('GIVEN footer lines THEN they are carried as given', () => {
    expect(buildDigest(input({ footer: ['arXiv has no announcements on weekends'] })).footer).toEqual([
      'arXiv has no announcements on weekends',
    ]);
  });
});

describe('the since-previous-slot window', () => {
  const eligibleAfter = (window: ReturnType<typeof digestWindow>, submittedHoursAgo: number) =>
    buildDigest(input({ window, candidates: [candidateOf(FIRST, { submittedAt: ago(submittedHoursAgo), upvotes: 5 })] })).cards.length ===
    1;

  it('GIVEN a previous slot yesterday THEN papers since then (from that UTC day, as HF stamps them) are in and older ones out', () => {
    const w = digestWindow(channel(), NOW, ago(24));
    expect(w.since.toISOString()).toBe('2025-03-03T00:00:00.000Z');
    expect(eligibleAfter(w, 2)).toBe(true);
    expect(eligibleAfter(w, 32)).toBe(true);
    expect(eligibleAfter(w, 33)).toBe(false);
  });

  it('GIVEN a previous slot an hour ago THEN the window still reaches back a full day (1-day minimum)', () => {
    expect(digestWindow(channel(), NOW, ago(1)).previous).toEqual(ago(24));
  });

  it('GIVEN a previous slot ten days ago THEN the window reaches back only a week (7-day maximum)', () => {
    expect(digestWindow(channel(), NOW, ago(240)).previous).toEqual(ago(7 * 24));
  });

  it('GIVEN a weekly channel and no posted slot yet THEN it sees the whole week', () => {
    const weekly = channel({ days: ['tue'] });
    const w = digestWindow(weekly, NOW, null);
    expect(w.previous).toEqual(ago(7 * 24));
    const digest = buildDigest(
      input({ channel: weekly, window: w, candidates: [candidateOf(FIRST, { submittedAt: ago(6 * 24), upvotes: 5 })] }),
    );
    expect(digest.cards).toHaveLength(1);
    expect(buildDigest(input({ channel: weekly, window: w, candidates: [] })).emptyText).toBe('Nothing new is trending since Tue 25 Feb.');
  });

  it('GIVEN a Monday–Friday channel on Monday and no posted slot THEN it looks back to Friday', () => {
    const monday = new Date('2025-03-03T08:00:00.000Z');
    expect(digestWindow(channel(), monday, null).previous).toEqual(new Date('2025-02-28T08:00:00.000Z'));
    expect(buildDigest(input({ at: monday, window: digestWindow(channel(), monday, null), candidates: [] })).emptyText).toBe(
      'Nothing new is trending since Friday.',
    );
  });

  it('GIVEN the channel timezone THEN the header date is the local date', () => {
    const lateUtc = new Date('2025-03-03T23:30:00.000Z');
    expect(buildDigest(input({ at: lateUtc })).header).toBe('Trending papers · Tue 4 Mar');
    expect(buildDigest(input({ at: lateUtc, channel: channel({ timezone: 'America/New_York' }) })).header).toBe(
      'Trending papers · Mon 3 Mar',
    );
  });
});
