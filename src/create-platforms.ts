/**
 * Which chat platforms run, from the configuration. Each platform lives in its own folder and only
 * translates; adding one is a new folder and a line here. SDKs load only when their platform is enabled,
 * so one-shot commands do not pay for discord.js or Bolt.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { ChatPlatform, PlatformDeps } from './core/ports.ts';
import { createMemoryReplayStore } from './core/replay-store.ts';
import { registry } from '../commands/index.ts';

/** The enabled platforms (Discord when its token and application id are set, Slack likewise). */
export async function createPlatforms(config: Readonly<Config>, app: App): Promise<ChatPlatform[]> {
  const platforms: ChatPlatform[] = [];
  // Button replays live in this process's memory: one bot process serves each platform.
  const deps = (platform: string, replays: { ttlMs: number; maxEntries?: number }): PlatformDeps => ({
    services: app.services,
    registry,
    log: app.log,
    clock: app.clock,
    replays: createMemoryReplayStore({ clock: app.clock, ...replays }),
    onRateLimited: () => app.metrics.recordRateLimited(platform),
  });
  if (config.discord) {
    const { createDiscordPlatform, DISCORD_REPLAY_TTL_MS } = await import('./platforms/discord/discord-platform.ts');
    platforms.push(createDiscordPlatform(config.discord, deps('discord', { ttlMs: DISCORD_REPLAY_TTL_MS })));
  }
  if (config.slack) {
    const { createSlackPlatform, SLACK_REPLAY_TTL_MS, SLACK_MAX_REPLAYS } = await import('./platforms/slack/slack-platform.ts');
    platforms.push(createSlackPlatform(config.slack, deps('slack', { ttlMs: SLACK_REPLAY_TTL_MS, maxEntries: SLACK_MAX_REPLAYS })));
  }
  return platforms;
}
