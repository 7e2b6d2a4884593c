/**
 * slack-manifest.yaml against what the adapter really does: the bot scopes are derived from the Web API methods a
 * representative session calls (start, commands in a public and a private channel, a digest into a channel the bot
 * must join, marker lookups, the Home tab) mapped through Slack's documented method → scope table; the events, the
 * slash command and interactivity from what the adapter registers with Bolt.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { registry } from '../../../commands/index.ts';
import { defaultChannelSettings } from '../../../src/core/digest/service.ts';
import { EVENTS_PATH } from '../../../src/platforms/slack/receivers.ts';
import { makeDigest } from '../../fakes/fake-services.ts';
import { useInProcessSlack } from './in-process.ts';

// Spies that pass through, set before the platform starts: what the adapter registers with Bolt.
const registers = {
  event: vi.spyOn(App.prototype, 'event'),
  command: vi.spyOn(App.prototype, 'command'),
  action: vi.spyOn(App.prototype, 'action'),
};
const session = useInProcessSlack();

type Conversation = 'public' | 'private' | 'im' | 'mpim';
/**
 * The scopes a bot token needs per Web API method, from each method's page on api.slack.com/methods (by conversation
 * type where Slack asks for a different scope per type). A method missing here fails the test until it is added.
 */
const SCOPES_BY_METHOD: Record<string, (conversation: Conversation | null) => string[]> = {
  'auth.test': () => [],
  'chat.postMessage': () => ['chat:write'],
  'conversations.history': (c) => [`${{ public: 'channels', private: 'groups', im: 'im', mpim: 'mpim' }[c ?? 'public']}:history`],
  'conversations.info': (c) => [`${{ public: 'channels', private: 'groups', im: 'im', mpim: 'mpim' }[c ?? 'public']}:read`],
  'conversations.join': () => ['channels:join'],
  'users.info': () => ['users:read'],
  'views.publish': () => [],
};

/** The conversation type of the channel a recorded call names, as the fake workspace has it. */
function conversationOf(channel: unknown): Conversation | null {
  if (typeof channel !== 'string') return null;
  if (channel.startsWith('D')) return 'im';
  return session.slack.workspace.channel(channel).isPrivate ? 'private' : 'public';
}

const MANIFEST = readFileSync(resolve(import.meta.dirname, '../../../slack-manifest.yaml'), 'utf8');

/** The items of a YAML block list under `key:` (comments dropped). */
function listUnder(key: string): string[] {
  const lines = MANIFEST.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+- ([^#\s]+)/.exec(line);
    if (!m?.[1]) break;
    items.push(m[1]);
  }
  return items;
}

describe('slack-manifest.yaml', () => {
  it('GIVEN the manifest THEN /papers has a usage hint within Slack limits, Socket Mode is on, and HTTP mode would use the receiver’s path', () => {
    expect(MANIFEST).toMatch(/- command: \/papers\n/);
    const hint = /usage_hint: "([^"]+)"/.exec(MANIFEST)?.[1] ?? '';
    expect(hint.length).toBeGreaterThan(10);
    expect(hint.length).toBeLessThanOrEqual(1000);
    expect(MANIFEST).toMatch(/socket_mode_enabled: true/);
    expect(MANIFEST.match(/# (?:request_)?url: https:\/\/\S+/g)?.map((line) => new URL(line.replace(/^.*?: /, '')).pathname)).toEqual([
      EVENTS_PATH,
      EVENTS_PATH,
      EVENTS_PATH,
    ]);
  });

  it('GIVEN the usage hint THEN every subcommand it names is one the command registry has', () => {
    const hint = /usage_hint: "([^"]+)"/.exec(MANIFEST)?.[1] ?? '';
    const named = hint.split('|').map((part) => part.trim().split(/\s+/)[0]);
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !registry.some((spec) => spec.name === name))).toEqual([]);
  });

  it('GIVEN a representative session THEN the manifest grants exactly the bot scopes of the Web API methods it called', async () => {
    const member = 'U0MEMBER';
    session.slack.workspace.setChannel({ id: 'G0PRIVATE', isPrivate: true, isMember: true });
    session.slack.workspace.setChannel({ id: 'C0NOTJOINED', isMember: false });
    const answered = [
      await session.command({ userId: member, channelId: 'C0PUBLIC' }, 'subscribe diffusion'),
      await session.command({ userId: member, channelId: 'G0PRIVATE' }, 'schedule time:09:00'),
      await session.command({ userId: member, channelId: 'C0PUBLIC' }, 'search diffusion'),
    ];
    for (const channelId of ['C0NOTJOINED', 'G0PRIVATE']) {
      const channel = defaultChannelSettings({ platform: 'slack', channelId }, 'UTC');
      const digest = { ...makeDigest(channel, 2), marker: `pb-scopes-${channelId}` };
      const { messageId } = await session.platform.publish(channel, digest);
      expect(await session.platform.findByMarker(channel, digest.marker, new Date(Date.now() - 60_000))).toEqual({ messageId });
    }
    expect(
      await session.event({ type: 'app_home_opened', user: member, channel: 'D0HOME', tab: 'home', event_ts: '1700000000.000100' }),
    ).toBe(200);
    await session.slack.waitFor(() => session.slack.callsTo('views.publish').length > 0);

    const methods = [...new Set(session.slack.calls.map((call) => call.method))].sort();
    expect(methods).toEqual(
      expect.arrayContaining([
        'auth.test',
        'chat.postMessage',
        'conversations.history',
        'conversations.info',
        'conversations.join',
        'users.info',
        'views.publish',
      ]),
    );
    expect(methods.filter((method) => !(method in SCOPES_BY_METHOD))).toEqual([]);
    const needed = new Set(
      session.slack.calls.flatMap((call) => SCOPES_BY_METHOD[call.method]?.(conversationOf(call.params.channel)) ?? []),
    );
    // A slash command needs the `commands` scope; the session's commands were answered through their response_url.
    expect(answered.every((responses) => responses.length > 0)).toBe(true);
    needed.add('commands');
    expect(listUnder('bot').sort()).toEqual([...needed].sort());
  });

  it('GIVEN what the adapter registers with Bolt THEN the manifest subscribes to exactly its events, routes its slash command and enables interactivity', () => {
    expect(registers.event).toHaveBeenCalled();
    const events: unknown[] = registers.event.mock.calls.map(([name]) => name);
    expect(events.every((name) => typeof name === 'string')).toBe(true);
    expect(listUnder('bot_events').sort()).toEqual([...new Set(events.map(String))].sort());
    const commands = [...MANIFEST.matchAll(/- command: (\S+)/g)].map((m) => m[1] ?? '');
    expect(commands).toEqual(['/papers']);
    const patterns = registers.command.mock.calls.map(([pattern]) => pattern);
    expect(commands.filter((command) => !patterns.some((p) => (typeof p === 'string' ? p === command : p.test(command))))).toEqual([]);
    expect(registers.action).toHaveBeenCalled();
    expect(MANIFEST).toMatch(/interactivity:\n\s+is_enabled: true/);
  });
});
