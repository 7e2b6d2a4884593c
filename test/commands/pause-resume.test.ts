/** `/papers pause` and `/papers resume` as a channel sees them: the replies, and what `/papers status` says after. */
import { describe, expect, it } from 'vitest';
import { CHANNEL, setup } from './harness.ts';

describe('/papers pause and resume', () => {
  it('GIVEN a set-up channel THEN pause and resume answer publicly, and /papers status shows the pause and then the next digest', async () => {
    const { subscribe, text } = setup();
    await subscribe('x');
    expect(await text('pause')).toMatchObject({
      visibility: 'public',
      outcome: 'ok',
      text: "Paused this channel's digest. `/papers resume` restarts it; topics and schedule are kept.",
    });
    const paused = (await text('status')).text;
    expect(paused).toContain('**Paused:** paused with /papers pause. `/papers resume` restarts it.');
    expect(paused).toContain('**Next digest:** none while paused');
    expect(await text('resume')).toMatchObject({
      visibility: 'public',
      outcome: 'ok',
      text: "Resumed this channel's digest. Digest at 09:00 UTC on Mon–Fri, 5 papers.",
    });
    const resumed = (await text('status')).text;
    expect(resumed).not.toContain('**Paused:**');
    expect(resumed).toContain('**Next digest:** Tue 4 Mar 09:00 UTC');
  });

  it('GIVEN the bot paused itself THEN resume repeats the reason', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('x');
    await fake.channels.setPaused(CHANNEL, true, 'missing Send Messages');
    expect((await run('resume')).text).toContain('It was paused because: missing Send Messages.');
  });

  it.each(['pause', 'resume'])('GIVEN no channel THEN %s gives a private hint and the channel stays not set up', async (subcommand) => {
    const { run } = setup();
    const reply = await run(subcommand);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'declined' });
    expect(reply.text).toContain('/papers subscribe <topic>');
    expect((await run('status')).text).toContain('**Channel:** not set up yet');
  });

  it('GIVEN pause twice or resume while running THEN a private note saying how things stand', async () => {
    const { subscribe, run } = setup();
    await subscribe('x');
    expect(await run('resume')).toMatchObject({
      visibility: 'private',
      outcome: 'declined',
      text: "The digest isn't paused. Digest at 09:00 UTC on Mon–Fri, 5 papers.",
    });
    await run('pause');
    expect(await run('pause')).toMatchObject({
      visibility: 'private',
      outcome: 'declined',
      text: 'The digest is already paused (paused with /papers pause). `/papers resume` restarts it.',
    });
  });

  it('GIVEN a non-manager THEN pause is refused privately, naming who may, and the digest keeps running', async () => {
    const { subscribe, run } = setup();
    await subscribe('x');
    expect(await run('pause', {}, { manager: false })).toMatchObject({
      visibility: 'private',
      outcome: 'refused',
      text: "Only members with Manage Channels can pause this channel's digest.",
    });
    expect((await run('status')).text).not.toContain('**Paused:**');
  });

  it('GIVEN a non-manager THEN resume is refused privately, naming who may, and the digest stays paused', async () => {
    const { subscribe, run } = setup();
    await subscribe('x');
    await run('pause');
    expect(await run('resume', {}, { manager: false })).toMatchObject({
      visibility: 'private',
      outcome: 'refused',
      text: "Only members with Manage Channels can resume this channel's digest.",
    });
    expect((await run('status')).text).toContain('**Paused:** paused with /papers pause.');
  });

  it('GIVEN stray options THEN a private usage reply', async () => {
    const { run } = setup();
    expect(await run('pause', { reason: 'holiday' })).toMatchObject({ visibility: 'private', outcome: 'usage' });
  });
});
