/**
 * Every /papers subcommand through the real Bolt app in HTTP mode: correctly signed slash-command requests,
 * acked with 200 inside 3 s, answers asserted by content and visibility on the response_url; the Prev/Next and
 * Share buttons; and permissions (Slack admins from users.info).
 */
import { describe, expect, it } from 'vitest';
import { ACTION_NEXT, ACTION_PREV, ACTION_SHARE } from '../../../src/platforms/slack/render-reply.ts';
import { blockKitProblems } from './block-kit-check.ts';
import { ADMIN, buttonValue, MEMBER, messageText, useSlackSession, type CommandResult } from './slack-session.ts';

const s = useSlackSession();
const admin = (channelId: string) => ({ userId: ADMIN, channelId });
const member = (channelId: string) => ({ userId: MEMBER, channelId });

/** The ack is an empty 200 well inside Slack's 3 s; every message fits Block Kit and pings nobody. */
function expectAnswered(result: CommandResult, visibility: 'ephemeral' | 'in_channel'): void {
  expect(result.ack.status).toBe(200);
  expect(result.ack.body).toBe('');
  expect(result.ack.ms).toBeLessThan(3000);
  expect(result.responses[0]?.body.response_type).toBe(visibility);
  for (const response of result.responses) expect(blockKitProblems(response.body)).toEqual([]);
}

describe('Slack HTTP mode: every /papers subcommand', () => {
  it('GIVEN search backtracking THEN a private answer whose section names "To Backtrack or Not to Backtrack", with Share', async () => {
    const result = await s.command(member('C0SEARCH'), 'search backtracking');
    expectAnswered(result, 'ephemeral');
    const sections = (result.responses[0]?.body.blocks as Array<{ type: string; text?: { text: string } }>).filter(
      (b) => b.type === 'section',
    );
    expect(sections.some((b) => b.text?.text.includes('To Backtrack or Not to Backtrack'))).toBe(true);
    expect(buttonValue(result.responses[0], ACTION_SHARE)).toMatch(/^[\w-]{8,}$/);
  });

  it('GIVEN trending, and paper by arXiv URL THEN private answers with results', async () => {
    const trending = await s.command(member('C0SEARCH'), 'trending month');
    expectAnswered(trending, 'ephemeral');
    expect(trending.text).toContain('Trending');
    const paper = await s.command(member('C0SEARCH'), 'paper https://arxiv.org/abs/2504.07052v2');
    expectAnswered(paper, 'ephemeral');
    expect(paper.text).toContain('To Backtrack or Not to Backtrack');
    expect(paper.text).toContain('Abstract.');
  });

  it('GIVEN an admin subscribing THEN a public confirmation and a private preview; topics lists it; unsubscribe is public', async () => {
    const subscribe = await s.command(admin('C0TOPICS'), 'subscribe “self-correction” OR backtracking', 2);
    expectAnswered(subscribe, 'in_channel');
    expect(subscribe.text).toContain('This channel now follows');
    expect(subscribe.responses[1]?.body.response_type).toBe('ephemeral');
    expect(messageText(subscribe.responses[1]?.body)).toContain('Preview');
    const topics = await s.command(member('C0TOPICS'), 'topics');
    expectAnswered(topics, 'ephemeral');
    expect(topics.text).toContain('self-correction');
    const unsubscribe = await s.command(admin('C0TOPICS'), 'unsubscribe "self-correction" OR backtracking');
    expectAnswered(unsubscribe, 'in_channel');
    expect(unsubscribe.text).toContain('no longer follows');
  });

  it('GIVEN schedule, digest preview, pause, resume and status THEN each answers with its visibility', async () => {
    const schedule = await s.command(admin('C0SCHED'), 'schedule time:08:30 timezone:Europe/Berlin days:weekdays size:3');
    expectAnswered(schedule, 'in_channel');
    expect(schedule.text).toContain('Digest at 08:30 Europe/Berlin');
    const preview = await s.command(member('C0SCHED'), 'digest');
    expectAnswered(preview, 'ephemeral');
    expect(preview.text).toContain('Digest preview');
    const pause = await s.command(admin('C0SCHED'), 'pause');
    expectAnswered(pause, 'in_channel');
    expect(pause.text).toContain('Paused');
    const status = await s.command(member('C0SCHED'), 'status');
    expectAnswered(status, 'ephemeral');
    expect(status.text).toContain('Paused');
    const resume = await s.command(admin('C0SCHED'), 'resume');
    expectAnswered(resume, 'in_channel');
    expect(resume.text).toContain('Resumed');
  });

  it('GIVEN help, nothing, an unknown or a malformed subcommand THEN the generated help, privately', async () => {
    const help = await s.command(member('C0HELP'), 'help search');
    expectAnswered(help, 'ephemeral');
    expect(help.text).toContain('/papers search');
    const empty = await s.command(member('C0HELP'), '');
    expectAnswered(empty, 'ephemeral');
    expect(empty.text).toContain('Commands');
    const unknown = await s.command(member('C0HELP'), 'frobnicate now');
    expectAnswered(unknown, 'ephemeral');
    expect(unknown.text).toContain('There is no /papers frobnicate');
    const malformed = await s.command(admin('C0HELP'), 'schedule time:25:99');
    expectAnswered(malformed, 'ephemeral');
    expect(malformed.text).toContain('Usage:');
  });

  it('GIVEN Slack-escaped command text THEN links and entities are decoded before parsing', async () => {
    const result = await s.command(member('C0SEARCH'), 'paper <https://huggingface.co/papers/2504.07052|huggingface.co/papers/2504.07052>');
    expectAnswered(result, 'ephemeral');
    expect(result.text).toContain('To Backtrack or Not to Backtrack');
  });
});

describe('Slack HTTP mode: buttons', () => {
  it('GIVEN a paged search THEN Next and Prev replace the private message for its owner; someone else is refused', async () => {
    const first = await s.command(member('C0PAGE'), 'search backtracking limit:1');
    expect(first.text).toContain('Papers 1–1');
    const next = await s.press(member('C0PAGE'), ACTION_NEXT, buttonValue(first.responses[0], ACTION_NEXT));
    expect(next.ack.status).toBe(200);
    expect(next.responses[0]?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(next.text).toContain('Papers 2–2');
    const back = await s.press(member('C0PAGE'), ACTION_PREV, buttonValue(next.responses[0], ACTION_PREV));
    expect(back.text).toContain('Papers 1–1');
    const stranger = await s.press(admin('C0PAGE'), ACTION_NEXT, buttonValue(first.responses[0], ACTION_NEXT));
    expect(stranger.text).toContain('Only the person who ran this command');
    expect(stranger.responses[0]?.body.replace_original).toBe(false);
  });

  it('GIVEN Share THEN the same results are posted publicly with chat.postMessage, crediting the sharer and pinging nobody', async () => {
    const search = await s.command(member('C0SHARE'), 'search backtracking limit:2');
    await s.press(member('C0SHARE'), ACTION_SHARE, buttonValue(search.responses[0], ACTION_SHARE), 0);
    const [post] = await s.slack.waitFor(
      () => s.slack.callsTo('chat.postMessage', 'C0SHARE').length > 0 && s.slack.callsTo('chat.postMessage', 'C0SHARE'),
    );
    expect(messageText(post?.params)).toContain('To Backtrack or Not to Backtrack');
    expect(messageText(post?.params)).toContain('Shared by Max Member');
    expect(messageText(post?.params)).not.toContain(ACTION_NEXT);
    expect(blockKitProblems(post?.params ?? {})).toEqual([]);
  });

  it('GIVEN an unknown button token THEN it says the buttons expired', async () => {
    const result = await s.press(member('C0PAGE'), ACTION_NEXT, 'no-such-token');
    expect(result.text).toContain('expired');
  });
});

describe('Slack HTTP mode: permissions', () => {
  it.each(['subscribe diffusion', 'schedule time:07:00', 'digest now'])(
    'GIVEN a non-admin running %j THEN a private refusal saying who may, and nothing changes',
    async (text) => {
      const before = s.slack.callsTo('chat.postMessage').length;
      const result = await s.command(member('C0REFUSE'), text);
      expectAnswered(result, 'ephemeral');
      expect(result.text).toContain('Only workspace admins and owners can');
      expect(s.slack.callsTo('chat.postMessage')).toHaveLength(before);
      expect(s.slack.callsTo('users.info').some((c) => c.params.user === MEMBER)).toBe(true);
    },
  );

  it('GIVEN a private channel the bot is not in THEN subscribe tells the channel to invite the bot', async () => {
    s.slack.workspace.setChannel({ id: 'G0SECRET', isPrivate: true, isMember: false });
    const result = await s.command(admin('G0SECRET'), 'subscribe diffusion', 2);
    expectAnswered(result, 'in_channel');
    expect(result.text).toContain('Invite it with `/invite @paperboy`');
  });
});

describe('Slack HTTP mode: shutting down', () => {
  it('GIVEN SIGTERM THEN the receiver stops and the bot exits 0', async () => {
    expect(await s.child.stop()).toBe(0);
    expect(s.child.lines().some((line) => line.msg === 'shutting down')).toBe(true);
  });
});
