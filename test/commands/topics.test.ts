import { describe, expect, it } from 'vitest';
import { CHANNEL, setup } from './harness.ts';

describe('/papers topics', () => {
  it('GIVEN a channel with topics THEN anyone sees them and the schedule, privately', async () => {
    const { subscribe, text } = setup();
    await subscribe('diffusion', 'cat:cs.CL');
    const reply = await text('topics', { manager: false });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok' });
    expect(reply.text).toContain('**Topics (2 of 25)**\n• `diffusion`\n• `cat:cs.CL`');
    expect(reply.text).toContain('**Schedule:** Digest at 09:00 UTC on Mon–Fri, 5 papers.');
  });

  it('GIVEN a paused channel THEN it says so and how to resume', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('x');
    await fake.channels.setPaused(CHANNEL, true, 'the bot lost Send Messages');
    expect((await run('topics')).text).toContain('**Paused:** the bot lost Send Messages.');
  });

  it('GIVEN a channel never set up THEN a hint how to subscribe', async () => {
    const { run } = setup();
    const reply = await run('topics');
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'ok' });
    expect(reply.text).toContain('/papers subscribe "diffusion models"');
  });

  it('GIVEN an option or stray text THEN a private usage reply', async () => {
    const { run, text } = setup();
    expect(await run('topics', { topic: 'x' })).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(await text('topics please')).toMatchObject({ visibility: 'private', outcome: 'usage' });
  });
});
