/**
 * Socket Mode end to end: the real Socket Mode client gets its WebSocket URL from apps.connections.open (with the
 * app-level token), is greeted with `hello`, and acks each envelope inside 3 s; answers go to the response_url.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_NEXT } from '../../../src/platforms/slack/render-reply.ts';
import { blockKitProblems } from './block-kit-check.ts';
import { SECRETS } from './slack-child.ts';
import { ADMIN, buttonValue, MEMBER, messageText, useSlackSession } from './slack-session.ts';

const s = useSlackSession({ socket: true, env: { PAPERBOY_LOG_LEVEL: 'debug' } });

describe('Slack Socket Mode', () => {
  it('GIVEN start-up THEN the WebSocket URL came from apps.connections.open with the app token, and the bot token stayed on the Web API', () => {
    const open = s.slack.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open.every((c) => c.token === SECRETS.appToken)).toBe(true);
    expect(s.slack.socket.connections).toBeGreaterThanOrEqual(1);
    expect(s.slack.callsTo('auth.test')[0]?.token).toBe(SECRETS.botToken);
  });

  it('GIVEN /papers search over the socket THEN the envelope is acked inside 3 s and the private answer names the paper', async () => {
    const result = await s.command({ userId: MEMBER, channelId: 'C0SOCK' }, 'search backtracking limit:1');
    expect(result.ack.ms).toBeLessThan(3000);
    expect(JSON.parse(result.ack.body)).toEqual({});
    expect(result.responses[0]?.body.response_type).toBe('ephemeral');
    expect(result.text).toContain('To Backtrack or Not to Backtrack');
    const next = await s.press({ userId: MEMBER, channelId: 'C0SOCK' }, ACTION_NEXT, buttonValue(result.responses[0], ACTION_NEXT));
    expect(next.ack.ms).toBeLessThan(3000);
    expect(next.text).toContain('Papers 2–2');
  });

  it('GIVEN an admin subscribing over the socket THEN a public confirmation and a private preview', async () => {
    const result = await s.command({ userId: ADMIN, channelId: 'C0SOCK' }, 'subscribe backtracking', 2);
    expect(result.ack.ms).toBeLessThan(3000);
    expect(result.responses.map((r) => r.body.response_type)).toEqual(['in_channel', 'ephemeral']);
    expect(result.text).toContain('This channel now follows');
  });

  it('GIVEN digest now over the socket THEN one chat.postMessage in the channel and a private ack; a non-admin is refused', async () => {
    const refused = await s.command({ userId: MEMBER, channelId: 'C0SOCK' }, 'digest now');
    expect(refused.text).toContain('Only workspace admins and owners can post a digest');
    const result = await s.command({ userId: ADMIN, channelId: 'C0SOCK' }, 'digest now');
    expect(result.ack.ms).toBeLessThan(3000);
    expect(result.responses[0]?.body.response_type).toBe('ephemeral');
    expect(result.text).toMatch(/Posted the digest|Nothing was posted/);
    const posts = s.slack.callsTo('chat.postMessage', 'C0SOCK');
    expect(posts).toHaveLength(1);
    expect(blockKitProblems(posts[0]?.params ?? {})).toEqual([]);
    expect(posts[0]?.token).toBe(SECRETS.botToken);
  });

  it('GIVEN app_home_opened over the socket THEN the events_api envelope is acked and views.publish lists the channel', async () => {
    await s.event({ type: 'app_home_opened', user: ADMIN, channel: 'D0HOME', tab: 'home', event_ts: '1700000000.000001' });
    const [publish] = await s.slack.waitFor(() => s.slack.callsTo('views.publish').length > 0 && s.slack.callsTo('views.publish'));
    expect(messageText({ text: 'home', blocks: (publish?.params.view as { blocks: unknown }).blocks })).toContain('<#C0SOCK>');
  });

  it('GIVEN SIGTERM THEN the bot closes the socket and exits 0, with no secret or payload credential in its debug log', async () => {
    expect(await s.child.stop()).toBe(0);
    const output = s.child.output();
    // At debug level the Socket Mode client logs whole envelopes: the payloads' credentials must be masked too.
    expect(output).toContain('Received a message on the WebSocket');
    for (const secret of [...Object.values(SECRETS), 'legacy-verification-token', `${s.slack.url}/response/`])
      expect(output).not.toContain(secret);
  });
});
