import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../../src/core/clock.ts';
import { createMemoryReplayStore } from '../../../src/core/replay-store.ts';
import { boltLogger } from '../../../src/platforms/slack/bolt-logger.ts';
import { createPostingCheck } from '../../../src/platforms/slack/channel-access.ts';
import { createSlackPeople, managerRuleFor, PEOPLE_TTL_MS } from '../../../src/platforms/slack/people.ts';
import { createRateGate, createSlackClient } from '../../../src/platforms/slack/slack-api.ts';
import { SLACK_REPLAY_TTL_MS } from '../../../src/platforms/slack/slack-platform.ts';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

let slack: FakeSlack;
beforeAll(async () => {
  slack = createFakeSlack();
  await slack.start();
  slack.workspace.users.set('U0OWNER', { id: 'U0OWNER', isOwner: true });
  slack.workspace.users.set('U0PLAIN', { id: 'U0PLAIN', name: 'Pat' });
});
afterAll(() => slack.close());

function setup(config: { adminUsers?: string[]; openAdmin?: boolean } = {}) {
  const clock = createFixedClock(new Date('2026-01-05T09:00:00Z'));
  const log = createRecordingLogger();
  const client = createSlackClient('xoxb-people-test', slack.apiUrl, boltLogger(log));
  const gate = createRateGate(clock, log);
  const people = createSlackPeople({ client, gate, clock, log, adminUsers: config.adminUsers ?? [], openAdmin: config.openAdmin ?? false });
  return { clock, people, postingCheck: createPostingCheck({ client, gate, log, botName: async () => 'paperboy' }) };
}
const infoCalls = (user: string) => slack.callsTo('users.info').filter((c) => c.params.user === user).length;

describe('Slack managers', () => {
  it('GIVEN owners, admins and members THEN users.info decides, and answers are cached until the TTL', async () => {
    const { clock, people } = setup();
    expect(await people.isManager('U0OWNER')).toBe(true);
    expect(await people.isManager('U0PLAIN')).toBe(false);
    expect(await people.isManager('U0PLAIN')).toBe(false);
    expect(await people.displayName('U0PLAIN')).toBe('Pat');
    expect(infoCalls('U0PLAIN')).toBe(1);
    clock.advance(PEOPLE_TTL_MS + 1);
    await people.isManager('U0PLAIN');
    expect(infoCalls('U0PLAIN')).toBe(2);
  });

  it('GIVEN SLACK_ADMIN_USERS or SLACK_OPEN_ADMIN THEN those users manage without asking Slack, and the rule names the setting', async () => {
    const named = setup({ adminUsers: ['U0NAMED'] });
    expect(await named.people.isManager('U0NAMED')).toBe(true);
    expect(infoCalls('U0NAMED')).toBe(0);
    expect(named.people.managerRule).toBe(managerRuleFor(['U0NAMED']));
    expect(named.people.managerRule).toContain('SLACK_ADMIN_USERS');
    const open = setup({ openAdmin: true });
    expect(await open.people.isManager('U0ANYONE')).toBe(true);
    expect(infoCalls('U0ANYONE')).toBe(0);
    expect(setup().people.managerRule).toBe('workspace admins and owners');
  });

  it('GIVEN users.info failing THEN not a manager, and the failure is not cached', async () => {
    const { people } = setup();
    slack.enqueue('users.info', { error: 'user_not_found' });
    expect(await people.isManager('U0OWNER2')).toBe(false);
    slack.workspace.users.set('U0OWNER2', { id: 'U0OWNER2', isAdmin: true });
    expect(await people.isManager('U0OWNER2')).toBe(true);
  });
});

describe('Slack posting check', () => {
  it.each([
    ['a public channel the bot is not in (it joins on its own)', { id: 'C0PUB', isMember: false }, undefined],
    ['a private channel the bot is in', { id: 'G0IN', isPrivate: true, isMember: true }, undefined],
    ['a private channel the bot is not in', { id: 'G0OUT', isPrivate: true, isMember: false }, /Invite it with `\/invite @paperboy`/],
    ['an archived channel', { id: 'C0OLD', isArchived: true }, /archived/],
    ['a direct message', { id: 'D0DM' }, /not in direct messages/],
  ])('GIVEN %s THEN the right note', async (_name, channel, expected) => {
    slack.workspace.setChannel(channel);
    const problem = await setup().postingCheck(channel.id);
    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatch(expected);
  });
});

describe('Slack button tokens', () => {
  const entry = { userId: 'U1', channel: { platform: 'slack', channelId: 'C1' }, workspaceId: 'T1', origin: null, paging: null };

  it('GIVEN a token THEN it resolves until it expires', async () => {
    const clock = createFixedClock(new Date('2026-01-05T09:00:00Z'));
    const store = createMemoryReplayStore({ clock, ttlMs: SLACK_REPLAY_TTL_MS });
    const token = await store.put(entry);
    expect(await store.get(token)).toEqual(entry);
    expect(await store.get('made-up')).toBeNull();
    clock.advance(SLACK_REPLAY_TTL_MS);
    expect(await store.get(token)).toBeNull();
  });

  it('GIVEN more replies than the store keeps THEN the oldest are forgotten first', async () => {
    const store = createMemoryReplayStore({ clock: createFixedClock(new Date()), ttlMs: SLACK_REPLAY_TTL_MS, maxEntries: 3 });
    const tokens: string[] = [];
    for (let i = 0; i < 5; i += 1) tokens.push(await store.put({ ...entry, userId: `U${i}` }));
    const kept = await Promise.all(tokens.map(async (t) => (await store.get(t))?.userId ?? null));
    expect(kept).toEqual([null, null, 'U2', 'U3', 'U4']);
  });
});
