/**
 * An in-process simulation of `npm start` (the composition root, `runBot`) with a clock the test moves, wired to
 * the loopback fakes of Discord (gateway + REST), Slack (Socket Mode + Web API) and Hugging Face. The node-cron
 * job is off: the test calls `app.ticker.runTick()` after each clock step, as the job would every minute.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Clock } from '../../src/core/clock.ts';
import { digestMarker } from '../../src/core/digest/text.ts';
import { runBot } from '../../src/main.ts';
import { createFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.ts';
import { MANAGER_PERMISSIONS } from '../fakes/fake-discord-interactions.ts';
import { createFakeHf, type FakeHf } from '../fakes/fake-hf.ts';
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { slashCommand } from '../fakes/fake-slack-requests.ts';

const SAMPLE = new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url);
export const SLACK_ADMIN = 'U0ADMIN';
const SLACK_SECRETS = { botToken: 'xoxb-1111-2222-simBOTtoken', appToken: 'xapp-1-A0PAPERBOY-3333-simAPPtoken' };

/** A clock the test sets; `sleep` either returns at once (a simulation) or really waits (rate-limit tests). */
export function simClock(start: Date, options: { realSleep?: boolean } = {}): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => void (current = at.getTime()),
    advance: (ms) => void (current += ms),
    sleep: (ms) => (options.realSleep ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()),
  };
}

/** The bundled sample items, every one on the Hugging Face list of `date` (so a refresh that day ingests them all). */
export function sampleItemsOn(date: string): unknown[] {
  const items = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Array<{ paper: Record<string, unknown> }>;
  return items.map((item) => ({ ...item, paper: { ...item.paper, submittedOnDailyAt: `${date}T00:00:00.000Z` } }));
}

/** The running simulation. */
export interface Sim {
  app: App;
  healthUrl: string;
  discord: FakeDiscord;
  slack: FakeSlack;
  hf: FakeHf;
  /** Stops the bot (as SIGTERM would) and resolves with its exit code; then closes the fakes. */
  shutdown(): Promise<number>;
  /** A Discord `/papers` command by a channel manager in `channelId`; resolves with the answer's text. */
  discordCommand(channelId: string, subcommand: string, options?: Record<string, string>): Promise<string>;
  /** A Slack `/papers <text>` by an admin in `channelId`; resolves with the first response's JSON text. */
  slackCommand(channelId: string, text: string): Promise<string>;
  /** Digest messages (carrying the slot's marker) in a Discord / Slack channel. */
  discordDigests(channelId: string, slotKey: string): number;
  slackDigests(channelId: string, slotKey: string): number;
}

/** Starts the fakes and the bot; `env` adds or overrides configuration. */
export async function startSim(
  clock: Clock,
  options: { hfItems?: unknown[]; today?: string; env?: Record<string, string> } = {},
): Promise<Sim> {
  const discord = createFakeDiscord();
  const slack = createFakeSlack();
  const hf = createFakeHf({ items: options.hfItems ?? [], ...(options.today ? { today: () => options.today as string } : {}) });
  await Promise.all([discord.start(), slack.start(), hf.start()]);
  slack.workspace.users.set(SLACK_ADMIN, { id: SLACK_ADMIN, name: 'Ada Admin', isAdmin: true });
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-sim-'));
  const config = loadConfig({
    PAPERBOY_DB: join(dir, 'paperboy.db'),
    PAPERBOY_LOG_LEVEL: 'silent',
    PAPERBOY_HTTP_PORT: '0',
    HF_API_URL: hf.url,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: SLACK_SECRETS.botToken,
    SLACK_APP_TOKEN: SLACK_SECRETS.appToken,
    SLACK_API_URL: slack.apiUrl,
    ...options.env,
  });
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let ready: (value: { app: App; healthUrl: string }) => void = () => {};
  const started = new Promise<{ app: App; healthUrl: string }>((resolve) => (ready = resolve));
  const exit = runBot(config, { clock, cron: false, stop: stopped, onReady: ready });
  const { app, healthUrl } = await Promise.race([
    started,
    exit.then((code) => Promise.reject(new Error(`the bot exited with ${code} before it was ready`))),
  ]);

  const markerIn = (text: string, channelId: string, platform: string, slotKey: string) =>
    text.includes(digestMarker({ platform, channelId }, slotKey));
  return {
    app,
    healthUrl,
    discord,
    slack,
    hf,
    async shutdown() {
      stop();
      const code = await exit;
      await Promise.all([discord.close(), slack.close(), hf.close()]);
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
    async discordCommand(channelId, subcommand, commandOptions = {}) {
      const { message } = await discord.command(subcommand, commandOptions, { channelId, permissions: MANAGER_PERMISSIONS }).answer();
      return JSON.stringify({ content: message.content, embeds: message.embeds });
    },
    async slackCommand(channelId, text) {
      const url = slack.responseUrl();
      await slack.socket.send('slash_commands', slashCommand({ userId: SLACK_ADMIN, channelId }, text, url));
      const [first] = await slack.waitFor(() => slack.responsesTo(url).length > 0 && slack.responsesTo(url));
      return JSON.stringify(first?.body ?? {});
    },
    discordDigests: (channelId, slotKey) =>
      discord.messages(channelId).filter((m) => markerIn(JSON.stringify(m.embeds), channelId, 'discord', slotKey)).length,
    slackDigests: (channelId, slotKey) =>
      slack.workspace.messages.filter(
        (m) => m.channel === channelId && m.threadTs === null && markerIn(JSON.stringify(m.metadata), channelId, 'slack', slotKey),
      ).length,
  };
}
