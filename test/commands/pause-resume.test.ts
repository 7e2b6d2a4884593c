import { describe, expect, it } from 'vitest';
import { CHANNEL, MANAGER_RULE, setup } from './harness.ts';

describe('/papers pause and resume', () => {
  it('GIVEN a set-up channel THEN pause and resume are public and flip the flag', async () => {
    const { fake, subscribe, text } = setup();
    await subscribe('x');
    expect(await text('pause')).toMatchObject({ visibility: 'public', outcome: 'ok' });
    expect(await fake.channels.get(CHANNEL)).toMatchObject({ paused: true, pauseReason: 'paused with /papers pause' });
    const resumed = await text('resume');
    expect(resumed).toMatchObject({ visibility: 'public', outcome: 'ok' });
    expect(resumed.text).toBe("Resumed this channel's digest. Digest at 09:00 UTC on Mon–Fri, 5 papers.");
    expect(await fake.channels.get(CHANNEL)).toMatchObject({ paused: false, pauseReason: null });
  });

  it('GIVEN the bot paused itself THEN resume repeats the reason', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('x');
    await fake.channels.setPaused(CHANNEL, true, 'missing Send Messages');
    expect((await run('resume')).text).toContain('It was paused because: missing Send Messages.');
  });

  it.each(['pause', 'resume'])('GIVEN no channel THEN %s gives a private hint', async (subcommand) => {
    const { fake, run } = setup();
    const reply = await run(subcommand);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'declined' });
    expect(reply.text).toContain('/papers subscribe <topic>');
    expect(fake.channels.snapshot()).toBe('{"channels":[],"topics":[]}');
  });

  it('GIVEN pause twice or resume while running THEN a private note', async () => {
    const { subscribe, run } = setup();
    await subscribe('x');
    expect((await run('resume')).outcome).toBe('declined');
    await run('pause');
    expect(await run('pause')).toMatchObject({ visibility: 'private', outcome: 'declined' });
  });

  it.each([
    ['pause', "Only members with Manage Channels can pause this channel's digest."],
    ['resume', "Only members with Manage Channels can resume this channel's digest."],
  ])('GIVEN a non-manager THEN %s is refused privately and nothing changes', async (subcommand, message) => {
    const { fake, subscribe, run } = setup();
    await subscribe('x');
    const before = fake.channels.snapshot();
    expect(await run(subcommand, {}, { manager: false })).toMatchObject({ visibility: 'private', outcome: 'refused', text: message });
    expect(message).toContain(MANAGER_RULE);
    expect(fake.channels.snapshot()).toBe(before);
  });

  it('GIVEN stray options THEN a private usage reply', async () => {
    const { run } = setup();
    expect(await run('pause', { reason: 'holiday' })).toMatchObject({ visibility: 'private', outcome: 'usage' });
  });
});
