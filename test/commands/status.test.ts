import { describe, expect, it } from 'vitest';
import { CHANNEL, setup } from './harness.ts';

describe('/papers status', () => {
  it('GIVEN a set-up channel THEN anyone sees sources, schedule, next digest and last delivery privately, in the channel timezone', async () => {
    const { fake, run } = setup();
    await run('schedule', { timezone: 'Europe/Berlin' });
    const reply = await run('status', {}, { manager: false });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok', title: 'Status' });
    expect(reply.text).toContain('• **huggingface**: last success Mon 3 Mar, 10:10 Europe/Berlin');
    expect(reply.text).toContain('last error Mon 3 Mar, 02:00 Europe/Berlin: HTTP 503');
    expect(reply.text).toContain('**Next digest:** Tue 4 Mar 09:00 UTC');
    expect(reply.text).toContain('**Last delivery:** none yet');
    expect(fake.log.entries.filter((e) => e.level === 'error')).toHaveLength(0);
  });

  it('GIVEN a paused channel THEN the pause reason is shown and no next digest', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('x');
    await fake.channels.setPaused(CHANNEL, true, 'channel archived');
    const text = (await run('status')).text ?? '';
    expect(text).toContain('**Paused:** channel archived.');
    expect(text).toContain('**Next digest:** none while paused');
  });

  it('GIVEN a channel never set up THEN it says how to start', async () => {
    const { run } = setup();
    expect((await run('status')).text).toContain('not set up yet');
  });

  it('GIVEN stray options THEN a private usage reply', async () => {
    const { text } = setup();
    expect(await text('status verbose:yes')).toMatchObject({ visibility: 'private', outcome: 'usage' });
  });
});
