/**
 * Which chat platforms run, from the configuration. Each platform lives in its own folder and only
 * translates; adding one is a new folder and a line here. SDKs load only when their platform is enabled,
 * so one-shot commands do not pay for discord.js or Bolt.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { ChatPlatform } from './core/ports.ts';
import { registry } from '../commands/index.ts';

/** The enabled platforms (Discord when its token and application id are set, Slack likewise). */
export async function createPlatforms(config: Readonly<Config>, app: App): Promise<ChatPlatform[]> {
  const platforms: ChatPlatform[] = [];
  const deps = (platform: string) => ({ services: app.services, registry, log: app.log, clock: app.clock, onRateLimited: () => app.metrics.recordRateLimited(platform) });
  if (config.discord) {
    const { createDiscordPlatform } = await import('./platforms/discord/discord-platform.ts');
    platforms.push(createDiscordPlatform(config.discord, deps('discord')));
  }
  if (config.slack) {
    const { createSlackPlatform } = await import('./platforms/slack/slack-platform.ts');
    platforms.push(createSlackPlatform(config.slack, deps('slack')));
  }
  return platforms;
}
