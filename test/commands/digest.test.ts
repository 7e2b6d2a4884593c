import { describe, expect, it } from 'vitest';
import { CHANNEL, MANAGER_RULE, setup } from './harness.ts';

describe('/papers digest', () => {
  it('GIVEN no mode THEN anyone gets a private preview and nothing is posted', async () => {
    const { fake, text } = setup();
    const reply = await text('digest', { manager: false });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', title: 'Digest preview' });
    expect(reply.digest?.cards).toHaveLength(3);
    expect(fake.calls.preview).toEqual([CHANNEL]);
    expect(fake.calls.postNow).toHaveLength(0);
  });

  it('GIVEN mode now from a manager THEN the service posts it and the reply is a private ack', async () => {
    const { fake, text } = setup();
    const reply = await text('digest now');
    expect(reply).toEqual(
      expect.objectContaining({ visibility: 'private', outcome: 'ok', text: 'Posted the digest to this channel (4 papers).' }),
    );
    expect(fake.calls.postNow).toEqual([{ channel: CHANNEL, by: 'U1' }]);
  });

  it('GIVEN nothing was posted THEN the ack says why', async () => {
    const { fake, run } = setup();
    fake.canned.postNow = { posted: false, reason: 'this slot was already posted' };
    expect(await run('digest', { mode: 'now' })).toMatchObject({
      visibility: 'private',
      outcome: 'declined',
      text: 'Nothing was posted: this slot was already posted.',
    });
  });

  it('GIVEN mode now from a non-manager THEN a private refusal and nothing posted', async () => {
    const { fake, run } = setup();
    const reply = await run('digest', { mode: 'now' }, { manager: false });
    expect(reply).toMatchObject({
      visibility: 'private',
      outcome: 'refused',
      text: `Only ${MANAGER_RULE} can post a digest to this channel.`,
    });
    expect(fake.calls.postNow).toHaveLength(0);
  });

  it.each([
    ['an unknown mode', { mode: 'later' }, 'one of preview, now'],
    ['a wrong type', { mode: 1 }, 'one of preview, now'],
  ])('GIVEN %s THEN a private usage reply', async (_label, options, words) => {
    const { fake, run } = setup();
    const reply = await run('digest', options);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain(words);
    expect(fake.calls.preview).toHaveLength(0);
  });
});
