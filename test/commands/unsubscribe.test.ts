import { describe, expect, it } from 'vitest';
import { autocomplete } from '../../src/core/autocomplete.ts';
import { registry } from '../../commands/index.ts';
import { CHANNEL, MANAGER_RULE, setup } from './harness.ts';

describe('/papers unsubscribe', () => {
  it('GIVEN a topic typed in another spelling THEN it is removed by normalized form, publicly', async () => {
    const { fake, subscribe, text } = setup();
    await subscribe('Diffusion Models', 'flow matching');
    const reply = await text('unsubscribe models   diffusion');
    expect(reply).toMatchObject({ visibility: 'public', outcome: 'ok' });
    expect(reply.text).toBe('This channel no longer follows `Diffusion Models`. 1 topic left.');
    expect((await fake.channels.topics(CHANNEL)).map((t) => t.raw)).toEqual(['flow matching']);
  });

  it('GIVEN the last topic goes THEN it says the digest falls back to overall trending', async () => {
    const { subscribe, run } = setup();
    await subscribe('x');
    expect((await run('unsubscribe', { topic: 'x' })).text).toContain('overall trending');
  });

  it('GIVEN a topic the channel does not follow THEN a private reply lists its topics, and nothing changes', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('diffusion', 'author:"Yann LeCun"');
    const before = fake.channels.snapshot();
    const reply = await run('unsubscribe', { topic: 'robots' });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'declined' });
    expect(reply.text).toContain("doesn't follow `robots`");
    expect(reply.text).toContain('• `author:"Yann LeCun"`');
    expect(fake.channels.snapshot()).toBe(before);
  });

  it('GIVEN an autocomplete value clipped at 100 characters THEN it still finds its topic', async () => {
    const { fake, subscribe, run } = setup();
    const long = `"${'representation learning '.repeat(7).trim()}"`;
    await subscribe(long, 'other');
    const [choice] = await autocomplete('unsubscribe', 'topic', 'representation', {
      channel: CHANNEL,
      workspaceId: 'G1',
      user: { id: 'U1', isManager: true },
      services: fake.services,
      registry,
    });
    expect(choice?.value).toHaveLength(100);
    expect((await run('unsubscribe', { topic: choice?.value })).outcome).toBe('ok');
    expect((await fake.channels.topics(CHANNEL)).map((t) => t.raw)).toEqual(['other']);
  });

  it('GIVEN autocomplete THEN the channel topics containing the partial come prefix-first', async () => {
    const { fake, subscribe } = setup();
    await subscribe('video diffusion', 'diffusion', 'robots');
    const choices = await autocomplete('unsubscribe', 'topic', 'DIFF', {
      channel: CHANNEL,
      workspaceId: null,
      user: { id: 'U2', isManager: false },
      services: fake.services,
      registry,
    });
    expect(choices).toEqual([
      { name: 'diffusion', value: 'diffusion' },
      { name: 'video diffusion', value: 'video diffusion' },
    ]);
  });

  it('GIVEN the store fails or the option has no provider THEN autocomplete suggests nothing, and logs the failure', async () => {
    const { fake } = setup();
    const ctx = { channel: CHANNEL, workspaceId: null, user: { id: 'U2', isManager: false }, services: fake.services, registry };
    expect(await autocomplete('search', 'query', 'x', ctx)).toEqual([]);
    expect(await autocomplete('nope', 'topic', 'x', ctx)).toEqual([]);
    fake.services.channels.topics = async () => Promise.reject(new Error('locked'));
    expect(await autocomplete('unsubscribe', 'topic', 'x', ctx)).toEqual([]);
    expect(fake.log.entries).toContainEqual({
      level: 'warn',
      message: 'autocomplete failed',
      context: { subcommand: 'unsubscribe', option: 'topic', err: 'locked' },
    });
  });

  it('GIVEN no topic THEN anyone gets a private list', async () => {
    const { subscribe, run } = setup();
    await subscribe('diffusion');
    const reply = await run('unsubscribe', {}, { manager: false });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok' });
    expect(reply.text).toContain('• `diffusion`');
  });

  it('GIVEN a non-manager with a topic THEN a private refusal and the topic stays', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('diffusion');
    const before = fake.channels.snapshot();
    const reply = await run('unsubscribe', { topic: 'diffusion' }, { manager: false });
    expect(reply).toMatchObject({
      visibility: 'private',
      outcome: 'refused',
      text: `Only ${MANAGER_RULE} can change this channel's subscriptions.`,
    });
    expect(fake.channels.snapshot()).toBe(before);
  });

  it('GIVEN a channel that was never set up THEN a private "nothing to remove"', async () => {
    const { run } = setup();
    expect(await run('unsubscribe', { topic: 'x' })).toMatchObject({ visibility: 'private', outcome: 'declined' });
  });

  it.each([
    ['a 5,000-character topic', { topic: 'x'.repeat(5000) }, 'the limit is 200'],
    ['an empty topic value', { topic: '' }, 'has no value'],
  ])('GIVEN %s THEN a private usage reply', async (_label, options, words) => {
    const { run } = setup();
    const reply = await run('unsubscribe', options);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain(words);
  });
});
