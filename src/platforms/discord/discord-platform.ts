/**
 * The Discord platform: a discord.js client with only the Guilds intent (no privileged intents), REST pointed
 * at `DISCORD_API_URL`, answering `/papers` interactions and publishing digests. Interactions arrive over the
 * gateway (optionally one share of its shards), or, with a public key, over HTTP on a listener of its own; the two
 * are exclusive (docs/architecture.md §11). discord.js reconnects and resumes on its own; `stop()` closes the
 * gateway or the listener cleanly.
 */
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  RESTEvents,
  Routes,
  type APIUser,
  type ClientOptions,
  type RateLimitData,
} from 'discord.js';
import { describeError } from '../../core/errors.ts';
import type { ChatPlatform, PlatformDeps } from '../../core/ports.ts';
import { createMemoryReplayStore } from '../../core/replay-store.ts';
import { createInteractionEmitter } from './emit-interaction.ts';
import { startInteractionsListener, type InteractionsListener } from './http-interactions.ts';
import { handleInteraction } from './interactions.ts';
import { PLATFORM } from './invocation.ts';
import { createDiscordPublisher } from './publisher.ts';
import { NO_MENTIONS } from './respond.ts';

/** What the Discord adapter reads from the configuration (src/config.ts DiscordConfig). */
export interface DiscordSettings {
  token: string;
  applicationId: string;
  /** REST base without the version, e.g. `https://discord.com/api`. */
  apiUrl: string;
  /** Interactions over HTTP (DISCORD_PUBLIC_KEY) on this listener instead of the gateway; null or absent: the gateway. */
  httpInteractions?: DiscordHttpSettings | null;
  /** The gateway shards this process runs (DISCORD_SHARD_COUNT, DISCORD_SHARDS); null or absent: discord.js's default. */
  shards?: DiscordShardSettings | null;
}

/** The HTTP interactions endpoint: the application's public key (hex) and where to listen. */
export interface DiscordHttpSettings {
  publicKey: string;
  host: string;
  port: number;
}

/** Gateway sharding: the total shard count of all processes, and this process's shard ids (null: all of them). */
export interface DiscordShardSettings {
  count: number;
  ids: number[] | null;
}

/** How long Prev/Next/Share keep working: an interaction token can edit its reply for 15 minutes only. */
export const DISCORD_REPLAY_TTL_MS = 15 * 60_000;

/**
 * A 429 is waited out by discord.js (it reads Retry-After); one asking for longer than this fails the request
 * instead, so a digest slot is retried on a later tick rather than holding a worker (docs/architecture.md §11).
 */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** The discord.js client options: Guilds intent only, no mentions, REST at `apiUrl`, and the shards when given. */
export function discordClientOptions(config: DiscordSettings): ClientOptions {
  const shards = config.shards;
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: { api: config.apiUrl, rejectOnRateLimit: (limit: RateLimitData) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS },
    // shardCount alone runs every shard here; with ids, only those (the other processes run the rest).
    ...(shards ? { shardCount: shards.count, ...(shards.ids ? { shards: shards.ids } : {}) } : {}),
  };
}

/** Creates the Discord platform (not yet connected). */
export function createDiscordPlatform(config: DiscordSettings, deps: PlatformDeps): ChatPlatform {
  const log = deps.log.child({ platform: PLATFORM });
  const client = new Client(discordClientOptions(config));
  // Set now, not at login: the publisher works without a gateway connection (e.g. a one-shot digest).
  client.rest.setToken(config.token);
  const replays = deps.replays ?? createMemoryReplayStore({ clock: deps.clock, ttlMs: DISCORD_REPLAY_TTL_MS });
  const interactionDeps = { services: deps.services, registry: deps.registry, log, replays };
  const forget = (what: string, context: object, work: () => Promise<unknown>) =>
    void work()
      .then((removed) => log.info({ ...context, removed }, what))
      .catch((error: unknown) => log.error({ ...context, err: describeError(error) }, `${what} failed`));

  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, interactionDeps).catch((error: unknown) =>
      log.error({ interaction: interaction.id, channel: interaction.channelId, err: describeError(error) }, 'discord interaction failed'),
    );
  });
  client.on(Events.GuildDelete, (guild) =>
    forget('discord guild left; its channel settings deleted', { guild: guild.id }, () =>
      deps.services.channels.removeWorkspace(PLATFORM, guild.id),
    ),
  );
  const channelGone = (channelId: string) =>
    forget('discord channel deleted; its settings deleted', { channel: channelId }, () =>
      deps.services.channels.remove({ platform: PLATFORM, channelId }),
    );
  client.on(Events.ChannelDelete, (channel) => channelGone(channel.id));
  client.on(Events.ThreadDelete, (thread) => channelGone(thread.id));
  client.rest.on(RESTEvents.RateLimited, (limit) => {
    deps.onRateLimited?.();
    log.warn(
      { route: limit.route, method: limit.method, retryAfterMs: limit.retryAfter, global: limit.global, scope: limit.scope },
      'discord rate limited',
    );
  });
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'discord gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'discord gateway resumed'));
  client.on(Events.Error, (error) => log.error({ err: describeError(error) }, 'discord client error'));

  const publisher = createDiscordPublisher(client.rest, log);
  const http = config.httpInteractions ?? null;
  // Made now, so a discord.js that cannot build interactions from HTTP payloads fails at start-up.
  const emit = http ? createInteractionEmitter(client, config.applicationId) : null;
  let listener: InteractionsListener | null = null;

  /** HTTP mode: no gateway login; the token is checked over REST, then the endpoint listens. */
  async function startHttp(settings: DiscordHttpSettings, deliver: (payload: Record<string, unknown>) => void): Promise<void> {
    const me = (await client.rest.get(Routes.user()).catch((error: unknown) => {
      // The same words as the gateway's TokenInvalid, so one troubleshooting entry covers both modes.
      if (error instanceof DiscordAPIError && error.status === 401) throw new Error('An invalid token was provided.', { cause: error });
      throw error;
    })) as APIUser;
    listener = await startInteractionsListener({ ...settings, log, deliver });
    log.info({ user: me.id, application: config.applicationId, url: listener.url }, 'discord interactions listening');
  }

  return {
    platform: PLATFORM,
    publish: (channel, digest) => publisher.publish(channel, digest),
    findByMarker: (channel, marker, since) => publisher.findByMarker(channel, marker, since),

    async start() {
      if (http && emit) return startHttp(http, emit);
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await Promise.all([ready, client.login(config.token)]);
      const { shards, shardCount } = client.options;
      log.info(
        { user: client.user?.id, guilds: client.guilds.cache.size, application: config.applicationId, shards, shardCount },
        'discord connected',
      );
    },

    async stop() {
      await listener?.close();
      listener = null;
      await client.destroy();
      log.info({}, 'discord stopped');
    },
  };
}
