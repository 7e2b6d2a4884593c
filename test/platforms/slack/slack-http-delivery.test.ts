/**
 * Posting through the real Bolt app in HTTP mode: `digest now` with adversarial papers, joining a public
 * channel, an archived channel paused, per-channel 429s, App Home; then request signing, uninstalling, and a
 * debug-level log that never holds a secret.
 */
import { describe, expect, it } from 'vitest';
import { commandRequest, eventRequest, postToApp, slackSignature } from '../../fakes/fake-slack-requests.ts';
import { adversarialItems } from './adversarial.ts';
import { blockKitProblems } from './block-kit-check.ts';
import { SECRETS } from './slack-child.ts';
import { ADMIN, MEMBER, messageText, useSlackSession } from './slack-session.ts';

const s = useSlackSession({ extraItems: () => adversarialItems(new Date()), env: { PAPERBOY_LOG_LEVEL: 'debug' } });
const admin = (channelId: string) => ({ userId: ADMIN, channelId });
const posts = (channel: string) => s.slack.callsTo('chat.postMessage', channel);

describe('Slack HTTP mode: digests', () => {
  it('GIVEN an admin running digest now THEN exactly one channel message, within every Block Kit limit, pinging nobody, and a private ack', async () => {
    await s.command(admin('C0DIGEST'), 'schedule size:10');
    const result = await s.command(admin('C0DIGEST'), 'digest now');
    expect(result.responses[0]?.body.response_type).toBe('ephemeral');
    expect(result.text).toContain('Posted the digest to this channel (10 papers).');
    expect(posts('C0DIGEST')).toHaveLength(1);
    const post = posts('C0DIGEST')[0]?.params ?? {};
    expect(blockKitProblems(post)).toEqual([]);
    // Every mrkdwn text and the fallback; plain_text (headers, image alt text) is never parsed for mentions.
    expect(JSON.stringify(post.blocks).match(/"type":"mrkdwn","text":"[^"]*<[!@]/)).toBeNull();
    expect(messageText(post)).toContain('&lt;!channel&gt;');
    expect(post.metadata).toMatchObject({ event_type: 'paperboy_digest', event_payload: { marker: expect.stringMatching(/^pb-/) } });
    expect(posts('C0DIGEST')[0]?.token).toBe(SECRETS.botToken);
  });

  it('GIVEN a public channel the bot is not in THEN digest now joins it and the retry posts', async () => {
    s.slack.workspace.setChannel({ id: 'C0JOIN', isMember: false });
    await s.command(admin('C0JOIN'), 'schedule size:2');
    const result = await s.command(admin('C0JOIN'), 'digest now');
    expect(result.text).toContain('Posted the digest');
    const calls = s.slack.calls
      .filter((c) => c.params.channel === 'C0JOIN' && c.method !== 'conversations.info')
      .map((c) => `${c.method}:${c.error ?? 'ok'}`);
    expect(calls).toEqual(['chat.postMessage:not_in_channel', 'conversations.join:ok', 'chat.postMessage:ok']);
  });

  it('GIVEN an archived channel THEN digest now pauses it with the reason, and /papers status shows it', async () => {
    await s.command(admin('C0ARCHIVE'), 'schedule size:2');
    s.slack.workspace.setChannel({ id: 'C0ARCHIVE', isArchived: true });
    const result = await s.command(admin('C0ARCHIVE'), 'digest now');
    expect(result.text).toContain('the channel is archived');
    const status = await s.command({ userId: MEMBER, channelId: 'C0ARCHIVE' }, 'status');
    expect(status.text).toContain('Paused:* the channel is archived');
  });

  it('GIVEN a 429 on channel A THEN channel B posts while A waits out its Retry-After', async () => {
    await s.command(admin('C0RATEA'), 'schedule size:1');
    await s.command(admin('C0RATEB'), 'schedule size:1');
    s.slack.enqueue('chat.postMessage', { status: 429, retryAfter: 2 }, { channel: 'C0RATEA' });
    const a = s.command(admin('C0RATEA'), 'digest now');
    const [limited] = await s.slack.waitFor(() => posts('C0RATEA').length > 0 && posts('C0RATEA'));
    await s.command(admin('C0RATEB'), 'digest now');
    const [b] = posts('C0RATEB');
    expect(posts('C0RATEA')).toHaveLength(1);
    expect((await a).text).toContain('Posted the digest');
    const [, retried] = posts('C0RATEA');
    expect(b?.status).toBe(200);
    expect(b!.at).toBeLessThan(retried!.at);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1900);
  });

  it('GIVEN app_home_opened THEN views.publish shows the workspace channels, their topics and when digests come', async () => {
    await s.command(admin('C0HOME'), 'subscribe diffusion models', 2);
    const ack = await s.event({ type: 'app_home_opened', user: ADMIN, channel: 'D0HOME', tab: 'home', event_ts: '1700000000.000001' });
    expect(ack.status).toBe(200);
    const [publish] = await s.slack.waitFor(() => s.slack.callsTo('views.publish').length > 0 && s.slack.callsTo('views.publish'));
    expect(publish?.params.user_id).toBe(ADMIN);
    const view = publish?.params.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(blockKitProblems({ text: 'home', blocks: view.blocks }, 100)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('<#C0HOME>');
    expect(text).toContain('diffusion models');
    expect(text).toContain('<#C0DIGEST>');
    expect(text).toMatch(/Next digest|Digest at/);
  });
});

describe('Slack HTTP mode: request signatures', () => {
  const request = (text: string) => commandRequest(admin('C0SIGNED'), text, s.slack.responseUrl());
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['a signature made with another secret', (body: string) => slackSignature('not-the-secret', body)],
    ['a timestamp older than 5 minutes', (body: string) => slackSignature(SECRETS.signingSecret, body, now() - 301)],
    ['no signature headers', () => ({})],
  ])('GIVEN %s THEN 401 and nothing runs', async (_name, sign) => {
    const req = request('subscribe forged');
    const result = await postToApp(s.eventsUrl, req, SECRETS.signingSecret, sign(req.body));
    expect(result.status).toBe(401);
  });

  it('GIVEN Slack verifying the request URL (signed) THEN the challenge is echoed', async () => {
    const result = await postToApp(
      s.eventsUrl,
      eventRequest({ token: 'legacy', challenge: 'challenge-123', type: 'url_verification' }),
      SECRETS.signingSecret,
    );
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ challenge: 'challenge-123' });
  });

  it('GIVEN a body changed after signing THEN 401', async () => {
    const signed = request('search harmless');
    const headers = slackSignature(SECRETS.signingSecret, signed.body);
    const result = await postToApp(
      s.eventsUrl,
      { ...signed, body: signed.body.replace('harmless', 'tampered') },
      SECRETS.signingSecret,
      headers,
    );
    expect(result.status).toBe(401);
    expect(
      s.slack.responses.filter((r) => JSON.stringify(r.body).includes('forged') || JSON.stringify(r.body).includes('tampered')),
    ).toEqual([]);
  });
});

describe('Slack HTTP mode: uninstalling, and the log', () => {
  it('GIVEN tokens_revoked for user tokens only THEN channels stay; app_uninstalled THEN they are forgotten and nothing is posted', async () => {
    await s.event({ type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'] } });
    expect((await s.command(admin('C0DIGEST'), 'status')).text).toContain('Schedule:');
    await s.event({ type: 'app_uninstalled' });
    await s.child.waitForLog((line) => line.msg?.includes('slack workspace removed') === true);
    expect((await s.command(admin('C0DIGEST'), 'status')).text).toContain('not set up yet');
    const before = s.slack.callsTo('chat.postMessage').length;
    await s.command(admin('C0DIGEST'), 'schedule size:1');
    expect((await s.command(admin('C0DIGEST'), 'digest now')).text).toContain('Nothing was posted');
    expect(s.slack.callsTo('chat.postMessage')).toHaveLength(before);
  });

  it('GIVEN everything above at debug level THEN no log line holds the bot token, the app token or the signing secret', () => {
    const output = s.child.output();
    expect(s.child.lines().some((line) => line.level === 20)).toBe(true);
    for (const secret of Object.values(SECRETS)) expect(output).not.toContain(secret);
  });
});
