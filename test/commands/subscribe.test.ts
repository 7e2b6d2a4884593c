import { describe, expect, it } from 'vitest';
import { CHANNEL, MANAGER_RULE, setup } from './harness.ts';

describe('/papers subscribe', () => {
  it('GIVEN a manager in a new channel THEN the channel is created with the default timezone and a public confirmation comes with a private preview', async () => {
    const { fake, text } = setup();
    const reply = await text('/papers subscribe author:"Yann LeCun"');
    expect(reply).toMatchObject({ visibility: 'public', outcome: 'ok' });
    expect(reply.text).toContain('This channel now follows `author:"Yann LeCun"` (1 topic)');
    expect(reply.text).toContain('Digest at 09:00 UTC on Mon–Fri, 5 papers');
    const channel = await fake.channels.get(CHANNEL);
    expect(channel).toMatchObject({ timezone: 'UTC', createdBy: 'U1', workspaceId: 'G1' });
    expect(await fake.channels.topics(CHANNEL)).toMatchObject([{ raw: 'author:"Yann LeCun"', createdBy: 'U1' }]);
    const preview = reply.followUps?.[0];
    expect(preview).toMatchObject({ visibility: 'private', outcome: 'ok' });
    expect(preview?.hits).toHaveLength(5);
    expect(preview?.text).toContain('More than 5 papers matched');
    expect(fake.calls.search).toEqual([{ text: 'author:"Yann LeCun"', since: '7d', limit: 5, offset: 0 }]);
  });

  it('GIVEN an existing channel THEN the count grows and the schedule is not repeated', async () => {
    const { subscribe, run } = setup();
    await subscribe('diffusion');
    const reply = await run('subscribe', { topic: 'flow matching' });
    expect(reply.text).toBe('This channel now follows `flow matching` (2 topics).');
  });

  it('GIVEN few matches in the last week THEN the preview says how many', async () => {
    const { fake, run } = setup();
    fake.canned.total = 2;
    expect((await run('subscribe', { topic: 'x' })).followUps?.[0]?.text).toContain('2 papers matched `x` in the last 7 days:');
  });

  it('GIVEN the same topic in another spelling THEN a private "already follows" and nothing changes', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('Diffusion   Models');
    const before = fake.channels.snapshot();
    const reply = await run('subscribe', { topic: 'models diffusion' });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'declined' });
    expect(reply.text).toContain('already follows');
    expect(fake.channels.snapshot()).toBe(before);
  });

  it('GIVEN 25 topics THEN the 26th is refused privately', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe(...Array.from({ length: 25 }, (_, i) => `topic${i}`));
    const reply = await run('subscribe', { topic: 'one more' });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'declined' });
    expect(reply.text).toContain('25 topics');
    expect(await fake.channels.topics(CHANNEL)).toHaveLength(25);
  });

  it('GIVEN a non-manager THEN a private refusal that says who may, and no channel is created', async () => {
    const { fake, run } = setup();
    const reply = await run('subscribe', { topic: 'diffusion' }, { manager: false });
    expect(reply).toEqual({
      visibility: 'private',
      outcome: 'refused',
      text: `Only ${MANAGER_RULE} can change this channel's subscriptions.`,
    });
    expect(fake.channels.snapshot()).toBe('{"channels":[],"topics":[]}');
  });

  it('GIVEN the preview search fails THEN the subscription stands and the preview says so', async () => {
    const { fake, run } = setup();
    fake.services.search = { search: async () => Promise.reject(new Error('fts down')) };
    const reply = await run('subscribe', { topic: 'diffusion' });
    expect(reply.outcome).toBe('ok');
    expect(reply.followUps?.[0]?.text).toContain("couldn't load a preview");
    expect(fake.log.entries.some((e) => e.level === 'warn' && e.message === 'subscribe preview failed')).toBe(true);
  });

  it('GIVEN the adapter reports the bot cannot post THEN the confirmation says what to fix', async () => {
    const { run } = setup();
    const reply = await run('subscribe', { topic: 'x' }, { postingProblem: 'I need Send Messages and Embed Links here.' });
    expect(reply.notes).toEqual(['⚠️ I need Send Messages and Embed Links here.']);
  });

  it.each([
    ['a 5,000-character topic', { topic: 'diffusion '.repeat(500) }, 'the limit is 200'],
    ['a 201-character topic', { topic: 'a'.repeat(201) }, 'the limit is 200'],
    ['since: in a topic', { topic: 'diffusion since:7d' }, 'only works in searches'],
    ['an unparseable topic', { topic: '-' }, 'nothing to search for'],
    ['a missing topic', {}, 'needs topic'],
  ])('GIVEN %s THEN a private usage reply and nothing stored', async (_label, options, words) => {
    const { fake, run } = setup();
    const reply = await run('subscribe', options);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain(words);
    expect(fake.channels.snapshot()).toBe('{"channels":[],"topics":[]}');
  });
});
