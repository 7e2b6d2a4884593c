/**
 * In-memory fakes of everything `/papers` handlers depend on: a full ChannelStore, a recording logger, a canned
 * SearchService, trending, paper details, digests and status. Plain objects: a test replaces a member to make
 * it fail (`fake.services.status = async () => { throw … }`), never a module mock.
 */
import { CHANNEL_DEFAULTS, channelKey, type ChannelRef, type ChannelSettings, type Topic } from '../../src/core/channel.ts';
import type { PaperCard } from '../../src/core/card.ts';
import { createFixedClock } from '../../src/core/clock.ts';
import type { CommandServices, PaperDetail, TrendingRequest } from '../../src/core/command-services.ts';
import type { Digest } from '../../src/core/digest/model.ts';
import { PaperboyError } from '../../src/core/errors.ts';
import type { ChannelStore } from '../../src/core/ports.ts';
import type { SearchHit, SearchRequest, SearchResult } from '../../src/core/search-types.ts';
import { createRecordingLogger, type RecordingLogger } from '../helpers/recording-logger.ts';

/** The channel store port in memory, with the defaults of docs/architecture.md §5. */
export function createMemoryChannelStore(): ChannelStore & { snapshot(): string } {
  const channels = new Map<string, ChannelSettings>();
  const topics = new Map<string, Topic[]>();
  const must = (ref: ChannelRef): ChannelSettings => {
    const channel = channels.get(channelKey(ref));
    if (!channel) throw new PaperboyError('store', `no channel ${channelKey(ref)}`);
    return channel;
  };
  return {
    snapshot: () => JSON.stringify({ channels: [...channels.entries()], topics: [...topics.entries()] }),
    get: async (ref) => structuredClone(channels.get(channelKey(ref)) ?? null),
    async ensure(ref, init, at) {
      const key = channelKey(ref);
      if (!channels.has(key)) {
        channels.set(key, {
          platform: ref.platform,
          channelId: ref.channelId,
          workspaceId: init.workspaceId ?? null,
          timezone: init.timezone,
          ...CHANNEL_DEFAULTS,
          days: [...CHANNEL_DEFAULTS.days],
          paused: false,
          pauseReason: null,
          createdBy: init.createdBy,
          createdAt: at.toISOString(),
        });
        topics.set(key, []);
      }
      return structuredClone(must(ref));
    },
    async update(ref, patch) {
      const next = { ...must(ref), ...patch };
      channels.set(channelKey(ref), next);
      return structuredClone(next);
    },
    async setPaused(ref, paused, reason) {
      channels.set(channelKey(ref), { ...must(ref), paused, pauseReason: paused ? reason : null });
    },
    list: async (filter) =>
      [...channels.values()]
        .filter(
          (c) =>
            (filter?.platform === undefined || c.platform === filter.platform) &&
            (filter?.workspaceId === undefined || c.workspaceId === filter.workspaceId),
        )
        .map((c) => structuredClone(c)),
    topics: async (ref) => structuredClone(topics.get(channelKey(ref)) ?? []),
    async addTopic(ref, topic, by, at) {
      must(ref);
      const list = topics.get(channelKey(ref)) ?? [];
      if (list.some((t) => t.normalized === topic.normalized)) return 'exists';
      topics.set(channelKey(ref), [...list, { ...topic, createdBy: by, createdAt: at.toISOString() }]);
      return 'added';
    },
    async removeTopic(ref, normalized) {
      const list = topics.get(channelKey(ref)) ?? [];
      topics.set(
        channelKey(ref),
        list.filter((t) => t.normalized !== normalized),
      );
      return list.some((t) => t.normalized === normalized);
    },
    async remove(ref) {
      channels.delete(channelKey(ref));
      topics.delete(channelKey(ref));
    },
    async removeWorkspace(platform, workspaceId) {
      const gone = [...channels.entries()].filter(([, c]) => c.platform === platform && c.workspaceId === workspaceId);
      for (const [key] of gone) {
        channels.delete(key);
        topics.delete(key);
      }
      return gone.length;
    },
  };
}

/** A minimal card for paper `id`. */
export function makeCard(id: string, title = `Paper ${id}`): PaperCard {
  return {
    id,
    title,
    url: `https://huggingface.co/papers/${id}`,
    authors: 'A. Author, B. Author',
    organization: null,
    upvotes: 10,
    comments: 1,
    stars: 0,
    summary: `Summary of ${id}.`,
    links: [{ label: 'arXiv', url: `https://arxiv.org/abs/${id}` }],
    thumbnail: null,
    reason: null,
  };
}

/** A search hit for paper `id`. */
export function makeHit(id: string): SearchHit {
  return { card: makeCard(id), score: 1, snippet: '', source: 'local' };
}

/** A page of `total` canned hits (`2501.0000N`) at `offset`. */
function page(total: number, offset: number, limit: number, notes: string[]): SearchResult {
  const ids = Array.from(
    { length: Math.max(0, Math.min(limit, total - offset)) },
    (_, i) => `2501.${String(offset + i + 1).padStart(5, '0')}`,
  );
  return { hits: ids.map(makeHit), hasMore: offset + limit < total, notes };
}

/** A digest for `channel` with `n` cards. */
export function makeDigest(channel: ChannelRef, n: number): Digest {
  return {
    channel,
    slotKey: 'manual-1',
    header: 'Trending papers · Mon 3 Mar',
    cards: Array.from({ length: n }, (_, i) => makeCard(`2502.0000${i + 1}`)),
    emptyText: n === 0 ? 'Nothing new matched your topics.' : null,
    footer: [],
    marker: 'pb:manual-1',
  };
}

export interface FakeServices {
  services: CommandServices;
  channels: ReturnType<typeof createMemoryChannelStore>;
  log: RecordingLogger;
  /** Known papers by canonical id. */
  papers: Map<string, PaperDetail>;
  calls: {
    search: SearchRequest[];
    trending: TrendingRequest[];
    preview: ChannelRef[];
    postNow: Array<{ channel: ChannelRef; by: string }>;
  };
  /** How many hits search and trending have in total; notes they add. */
  canned: { total: number; notes: string[]; postNow: { posted: boolean; reason?: string } };
}

/** Fresh fakes at 2025-03-03T10:00Z, default timezone UTC. */
export function createFakeServices(now = new Date('2025-03-03T10:00:00Z')): FakeServices {
  const channels = createMemoryChannelStore();
  const log = createRecordingLogger();
  const papers = new Map<string, PaperDetail>();
  const calls: FakeServices['calls'] = { search: [], trending: [], preview: [], postNow: [] };
  const canned: FakeServices['canned'] = { total: 12, notes: [], postNow: { posted: true } };
  const services: CommandServices = {
    clock: createFixedClock(now),
    log,
    defaults: { timezone: 'UTC' },
    search: {
      async search(request) {
        calls.search.push(request);
        return page(canned.total, request.offset, request.limit, canned.notes);
      },
    },
    async trending(request) {
      calls.trending.push(request);
      return page(canned.total, request.offset, request.limit, canned.notes);
    },
    paper: async (id) => papers.get(id) ?? null,
    channels,
    digests: {
      async preview(channel) {
        calls.preview.push(channel);
        return makeDigest(channel, 3);
      },
      async postNow(channel, by) {
        calls.postNow.push({ channel, by });
        return {
          ...canned.postNow,
          digest: makeDigest(channel, canned.postNow.posted ? 4 : 0),
          messageId: canned.postNow.posted ? 'm1' : null,
        };
      },
    },
    async status(channel) {
      const settings = await channels.get(channel);
      return {
        sources: [
          { name: 'huggingface', lastOk: '2025-03-03T09:10:00Z', lastError: null },
          { name: 'arxiv', lastOk: '2025-03-02T01:00:00Z', lastError: { at: '2025-03-03T01:00:00Z', message: 'HTTP 503' } },
        ],
        timezone: settings?.timezone ?? 'UTC',
        nextDigest: settings ? 'Tue 4 Mar 09:00 UTC' : null,
        lastDelivery: null,
        paused: settings?.paused ?? false,
        pauseReason: settings?.pauseReason ?? null,
        topics: (await channels.topics(channel)).length,
        schedule: settings ? 'Digest at 09:00 UTC on Mon–Fri, 5 papers' : null,
      };
    },
  };
  return { services, channels, log, papers, calls, canned };
}
