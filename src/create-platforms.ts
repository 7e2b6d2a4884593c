/**
 * Which chat platforms run, from the configuration. Each platform lives in its own folder and only
 * translates; adding one is a new folder and a line here. SDKs load only when their platform is enabled,
 * so one-shot commands do not pay for discord.js or Bolt.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { ChatPlatform, PlatformDeps } from './core/ports.ts';
import { registry } from '../commands/index.ts';

/** The enabled platforms (Discord when its token and application id are set, Slack likewise). */
export async function createPlatforms(config: Readonly<Config>, app: App): Promise<ChatPlatform[]> {
  const platforms: ChatPlatform[] = [];
  // Button replays live in the database with the platform's expiry, so any bot process on it can answer a click on a
  // result another one made (docs/architecture.md §16); expiry, not a count, bounds the table.
  const deps = (platform: string, ttlMs: number): PlatformDeps => ({
    services: app.services,
    registry,
    log: app.log,
    clock: app.clock,
    replays: app.replays(platform, ttlMs),
    onRateLimited: () => app.metrics.recordRateLimited(platform),
  });
  if (config.discord) {
    const { createDiscordPlatform, DISCORD_REPLAY_TTL_MS } = await import('./platforms/discord/discord-platform.ts');
    platforms.push(createDiscordPlatform(config.discord, deps('discord', DISCORD_REPLAY_TTL_MS)));
  }
  if (config.slack) {
    const { createSlackPlatform, SLACK_REPLAY_TTL_MS } = await import('./platforms/slack/slack-platform.ts');
    platforms.push(createSlackPlatform(config.slack, deps('slack', SLACK_REPLAY_TTL_MS)));
  }
  return platforms;
}
