/**
 * The Slack platform: a Bolt app (Socket Mode with an app-level token, else HTTP on /slack/events) that turns
 * `/papers`, button presses and events into core calls, and the publisher that posts digests. It only translates.
 */
import { App } from '@slack/bolt';
import type { ChatPlatform, PlatformDeps } from '../../core/ports.ts';
import { createMemoryReplayStore } from '../../core/replay-store.ts';
import { boltLogger } from './bolt-logger.ts';
import { botIdentity } from './bot-identity.ts';
import { createPostingCheck } from './channel-access.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { onActions } from './on-actions.ts';
import { onCommand } from './on-command.ts';
import { onEvents } from './on-events.ts';
import { createSlackPeople } from './people.ts';
import { createSlackPublisher } from './publisher.ts';
import { createReceiver, type ReceiverConfig, type StartableReceiver } from './receivers.ts';
import { createRateGate, createSlackClient, RETRY } from './slack-api.ts';

/** The Slack settings (src/config.ts `SlackConfig` has this shape). */
export interface SlackPlatformConfig extends ReceiverConfig {
  botToken: string;
  adminUsers: readonly string[];
  openAdmin: boolean;
}

/** How long Prev/Next/Share keep working: a response_url accepts messages for 30 minutes only. */
export const SLACK_REPLAY_TTL_MS = 30 * 60_000;
/** Replays kept at most; the oldest are forgotten first. */
export const SLACK_MAX_REPLAYS = 2_000;

/** Creates the Slack platform; nothing connects until `start()`, but publishing works without it (the CLI). */
export function createSlackPlatform(config: SlackPlatformConfig, deps: PlatformDeps): ChatPlatform {
  const log = deps.log.child({ platform: 'slack' });
  const sdkLogger = boltLogger(log);
  const client = createSlackClient(config.botToken, config.apiUrl, sdkLogger);
  const gate = createRateGate(deps.clock, log, undefined, deps.onRateLimited);
  const identity = botIdentity(client);
  const publisher = createSlackPublisher({ client, gate, identity, log });
  const botName = async () => (await identity()).name;
  let running: StartableReceiver | null = null;

  async function start(): Promise<void> {
    // auth.test first, by us: a bad token fails start-up with a clear message, and Bolt needs no call of its own.
    const me = await identity();
    const receiver = createReceiver(config, sdkLogger, log, RETRY);
    const app = new App({
      receiver: receiver.receiver,
      token: config.botToken,
      botId: me.botId,
      botUserId: me.userId,
      logger: sdkLogger,
      clientOptions: { slackApiUrl: config.apiUrl, retryConfig: RETRY },
    });
    const handlers: HandlerDeps = {
      services: deps.services,
      registry: deps.registry,
      people: createSlackPeople({ client, gate, clock: deps.clock, log, adminUsers: config.adminUsers, openAdmin: config.openAdmin }),
      postingCheck: createPostingCheck({ client, gate, log, botName }),
      publisher,
      replays: deps.replays ?? createMemoryReplayStore({ clock: deps.clock, ttlMs: SLACK_REPLAY_TTL_MS, maxEntries: SLACK_MAX_REPLAYS }),
      log,
    };
    onCommand(app, handlers);
    onActions(app, handlers);
    onEvents(app, handlers, { client, disable: (reason) => publisher.disable(reason) });
    app.error(async (error) => log.error({ err: error }, 'slack listener error'));
    await receiver.start();
    running = receiver;
    log.info({ team: me.teamId, bot: me.userId }, 'slack platform started');
  }

  return {
    platform: 'slack',
    publish: (channel, digest) => publisher.publish(channel, digest),
    findByMarker: (channel, marker, since) => publisher.findByMarker(channel, marker, since),
    start,
    async stop() {
      const receiver = running;
      running = null;
      await receiver?.stop();
    },
  };
}
