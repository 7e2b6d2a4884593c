import { describe, expect, it } from 'vitest';
import { autocomplete } from '../../src/core/autocomplete.ts';
import { registry } from '../../commands/index.ts';
import { CHANNEL, MANAGER_RULE, setup } from './harness.ts';

describe('/papers schedule', () => {
  it('GIVEN the documented example THEN the channel is created in that timezone and a public summary comes back', async () => {
    const { fake, text } = setup();
    const reply = await text('/papers schedule time:9:00 timezone:Europe/Berlin days:weekdays');
    expect(reply).toEqual(
      expect.objectContaining({ visibility: 'public', outcome: 'ok', text: 'Digest at 09:00 Europe/Berlin on Mon–Fri, 5 papers.' }),
    );
    expect(await fake.channels.get(CHANNEL)).toMatchObject({
      timezone: 'Europe/Berlin',
      digestTime: '09:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
  });

  it('GIVEN every option THEN every setting changes', async () => {
    const { fake, run } = setup();
    const reply = await run('schedule', {
      time: '17:30',
      timezone: 'Asia/Kolkata',
      days: 'fri-mon',
      size: 3,
      min_upvotes: 10,
      empty: 'SKIP',
    });
    expect(reply.text).toBe('Digest at 17:30 Asia/Kolkata on Mon, Fri–Sun, 3 papers, at least 10 upvotes, no post when nothing is new.');
    expect(await fake.channels.get(CHANNEL)).toMatchObject({
      digestTime: '17:30',
      timezone: 'Asia/Kolkata',
      days: ['mon', 'fri', 'sat', 'sun'],
      size: 3,
      minUpvotes: 10,
      empty: 'skip',
    });
  });

  it('GIVEN thread:on then thread:off THEN thread mode is stored and shown, then turned off', async () => {
    const { fake, run } = setup();
    expect((await run('schedule', { thread: 'on' })).text).toBe('Digest at 09:00 UTC on Mon–Fri, 5 papers, papers in a thread.');
    expect((await fake.channels.get(CHANNEL))?.threadMode).toBe(true);
    await run('schedule', { thread: 'off' });
    expect((await fake.channels.get(CHANNEL))?.threadMode).toBe(false);
  });

  it.each([
    ['weekdays', ['mon', 'tue', 'wed', 'thu', 'fri'], 'Mon–Fri'],
    ['Weekends', ['sat', 'sun'], 'Sat, Sun'],
    ['daily', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 'every day'],
    ['every  day', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 'every day'],
    ['mon,wed,fri', ['mon', 'wed', 'fri'], 'Mon, Wed, Fri'],
    ['Friday, Monday', ['mon', 'fri'], 'Mon, Fri'],
    ['sun mon', ['mon', 'sun'], 'Mon, Sun'],
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri'], 'Mon–Fri'],
    ['tue – thu', ['tue', 'wed', 'thu'], 'Tue–Thu'],
    ['mon to wed, sat', ['mon', 'tue', 'wed', 'sat'], 'Mon–Wed, Sat'],
    ['fri-mon', ['mon', 'fri', 'sat', 'sun'], 'Mon, Fri–Sun'],
    ['mon,mon,tues', ['mon', 'tue'], 'Mon, Tue'],
  ])('GIVEN days %j THEN they are stored Monday-first without repeats and shown as %s', async (days, stored, shown) => {
    const { fake, run } = setup();
    const reply = await run('schedule', { days });
    expect(reply.text).toBe(`Digest at 09:00 UTC on ${shown}, 5 papers.`);
    expect((await fake.channels.get(CHANNEL))?.days).toEqual(stored);
  });

  it.each([
    ['9:00', '09:00'],
    [' 07:05 ', '07:05'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
  ])('GIVEN time %j THEN it is stored as %s', async (time, stored) => {
    const { fake, run } = setup();
    expect((await run('schedule', { time })).outcome).toBe('ok');
    expect((await fake.channels.get(CHANNEL))?.digestTime).toBe(stored);
  });

  it.each([
    ['UTC', 'UTC'],
    ['  America/New_York ', 'America/New_York'],
    ['europe/berlin', 'europe/berlin'],
  ])('GIVEN timezone %j THEN it is accepted and stored as typed (%s)', async (zone, stored) => {
    const { fake, run } = setup();
    expect((await run('schedule', { timezone: zone })).outcome).toBe('ok');
    expect((await fake.channels.get(CHANNEL))?.timezone).toBe(stored);
  });

  it('GIVEN no options THEN anyone sees the current schedule privately', async () => {
    const { subscribe, run } = setup();
    await subscribe('x');
    expect(await run('schedule', {}, { manager: false })).toMatchObject({
      visibility: 'private',
      outcome: 'ok',
      text: 'Digest at 09:00 UTC on Mon–Fri, 5 papers.',
    });
  });

  it('GIVEN no options and no channel THEN a private hint and still no channel', async () => {
    const { fake, run } = setup();
    expect((await run('schedule')).text).toContain('no digest yet');
    expect(await fake.channels.get(CHANNEL)).toBeNull();
  });

  it('GIVEN a non-manager changing it THEN a private refusal and nothing changes', async () => {
    const { fake, subscribe, run } = setup();
    await subscribe('x');
    const before = fake.channels.snapshot();
    const reply = await run('schedule', { time: '07:00' }, { manager: false });
    expect(reply).toMatchObject({
      visibility: 'private',
      outcome: 'refused',
      text: `Only ${MANAGER_RULE} can change this channel's digest schedule.`,
    });
    expect(fake.channels.snapshot()).toBe(before);
  });

  it.each([
    ['time 25:99', { time: '25:99' }, '"25:99" isn\'t a time of day'],
    ['time 9am', { time: '9am' }, 'HH:MM'],
    ['time 24:00', { time: '24:00' }, '00:00 to 23:59'],
    ['time 7:5', { time: '7:5' }, 'HH:MM'],
    ['time as a number', { time: 900 }, 'HH:MM'],
    ['timezone Mars/Olympus', { timezone: 'Mars/Olympus' }, 'Europe/Berlin, America/New_York, Asia/Kolkata or UTC'],
    ['a 5,000-character timezone', { timezone: 'x'.repeat(5000) }, "isn't a timezone"],
    ['days funday', { days: 'funday' }, 'funday'],
    ['days mon-blursday', { days: 'mon-blursday' }, 'blursday'],
    ['days as commas only', { days: ',,' }, 'No days given'],
    ['size 0', { size: 0 }, 'from 1 to 10'],
    ['size 11', { size: '11' }, 'from 1 to 10'],
    ['size ten', { size: 'ten' }, 'whole number'],
    ['min_upvotes -1', { min_upvotes: -1 }, 'from 0 to 100000'],
    ['min_upvotes 100001', { min_upvotes: '100001' }, 'from 0 to 100000'],
    ['empty maybe', { empty: 'maybe' }, 'one of say, skip'],
  ])('GIVEN %s THEN a private usage reply with the schedule help, and no channel', async (_label, options, words) => {
    const { fake, run } = setup();
    const reply = await run('schedule', options);
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain(words);
    expect(reply.text).toContain('/papers schedule');
    expect(fake.channels.snapshot()).toBe('{"channels":[],"topics":[]}');
  });

  it('GIVEN timezone autocomplete THEN at most 25 valid zones, prefix matches first', async () => {
    const { fake } = setup();
    const ctx = { channel: CHANNEL, workspaceId: null, user: { id: 'U1', isManager: true }, services: fake.services, registry };
    const berlin = await autocomplete('schedule', 'timezone', 'europe/be', ctx);
    expect(berlin.map((c) => c.value)).toEqual(['Europe/Belgrade', 'Europe/Berlin']);
    const kol = await autocomplete('schedule', 'timezone', 'kolk', ctx);
    expect(kol.map((c) => c.value)).toContain('Asia/Kolkata');
    const all = await autocomplete('schedule', 'timezone', 'a', ctx);
    expect(all).toHaveLength(25);
    expect(all[0]?.value.toLowerCase().startsWith('a')).toBe(true);
    expect((await autocomplete('schedule', 'timezone', 'UT', ctx))[0]?.value).toBe('UTC');
  });
});
