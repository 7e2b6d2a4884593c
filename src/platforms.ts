/**
 * Which chat platforms run, from the configuration. Each platform lives in its own folder and only
 * translates; adding one is a new folder and a line here.
 */
import type { App } from './app.ts';
import type { Config } from './config.ts';
import type { ChatPlatform } from './core/ports.ts';
import { registry } from '../commands/index.ts';
import { createDiscordPlatform } from './platforms/discord/platform.ts';
import { createSlackPlatform } from './platforms/slack/slack-platform.ts';

/** The enabled platforms (Discord when its token and application id are set, Slack likewise). */
export function createPlatforms(config: Readonly<Config>, app: App): ChatPlatform[] {
  const platforms: ChatPlatform[] = [];
  // Platform adapters register here, e.g. `if (config.discord) platforms.push(createDiscordPlatform(config.discord, deps))`.
  if (config.discord) platforms.push(createDiscordPlatform(config.discord, { services: app.services, registry, log: app.log, clock: app.clock }));
  if (config.slack) platforms.push(createSlackPlatform(config.slack, { services: app.services, registry, log: app.log, clock: app.clock }));
  void config;
  void app;
  return platforms;
}
