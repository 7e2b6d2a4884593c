import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../../src/core/channel.ts';
import { nextDigestText, nextSlot, planSlots, slotOn, slotsBetween, type Schedule } from '../../../src/core/schedule/slots.ts';
import { simulate } from './schedule-sim.ts';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const DAILY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HOUR = 3_600_000;

function at(zone: string, time: string, days: Weekday[] = DAILY): Schedule {
  return { timezone: zone, digestTime: time, days };
}

describe('slotOn: the due instant of a local date', () => {
  it.each([
    ['Europe/Berlin', '2025-03-04', '09:00', '2025-03-04T08:00:00.000Z'],
    ['Europe/Berlin', '2025-07-01', '09:00', '2025-07-01T07:00:00.000Z'],
    ['America/New_York', '2025-03-04', '09:00', '2025-03-04T14:00:00.000Z'],
    ['America/New_York', '2025-03-10', '09:00', '2025-03-10T13:00:00.000Z'],
    ['Asia/Kolkata', '2025-03-04', '09:00', '2025-03-04T03:30:00.000Z'],
    ['Asia/Kolkata', '2025-03-04', '00:15', '2025-03-03T18:45:00.000Z'],
    ['Pacific/Chatham', '2025-01-15', '09:00', '2025-01-14T19:15:00.000Z'],
    ['Australia/Lord_Howe', '2025-07-01', '09:00', '2025-06-30T22:30:00.000Z'],
  ])('GIVEN %s on %s at %s THEN it is due at %s', (zone, date, time, expected) => {
    expect(slotOn(at(zone, time), date)).toEqual({ slotKey: date, dueAt: new Date(expected) });
  });

  it.each([
    ['Europe/Berlin spring-forward (02:00 → 03:00)', 'Europe/Berlin', '2025-03-30', '02:30', '2025-03-30T01:00:00.000Z'],
    ['America/New_York spring-forward (02:00 → 03:00)', 'America/New_York', '2025-03-09', '02:30', '2025-03-09T07:00:00.000Z'],
    ['Pacific/Chatham spring-forward (02:45 → 03:45)', 'Pacific/Chatham', '2025-09-28', '03:00', '2025-09-27T14:00:00.000Z'],
    [
      'Australia/Lord_Howe half-hour spring-forward (02:00 → 02:30)',
      'Australia/Lord_Howe',
      '2025-10-05',
      '02:15',
      '2025-10-04T15:30:00.000Z',
    ],
  ])('GIVEN a time inside the gap of %s THEN it is due at the first valid minute after the gap', (_label, zone, date, time, expected) => {
    expect(slotOn(at(zone, time), date).dueAt.toISOString()).toBe(expected);
  });

  it.each([
    ['Europe/Berlin fall-back (03:00 → 02:00)', 'Europe/Berlin', '2025-10-26', '02:30', '2025-10-26T00:30:00.000Z'],
    ['America/New_York fall-back (02:00 → 01:00)', 'America/New_York', '2025-11-02', '01:30', '2025-11-02T05:30:00.000Z'],
    ['Pacific/Chatham fall-back (03:45 → 02:45)', 'Pacific/Chatham', '2025-04-06', '03:00', '2025-04-05T13:15:00.000Z'],
    ['Australia/Lord_Howe half-hour fall-back (02:00 → 01:30)', 'Australia/Lord_Howe', '2025-04-06', '01:45', '2025-04-05T14:45:00.000Z'],
  ])('GIVEN a time in the repeated hour of %s THEN it is due at its first occurrence', (_label, zone, date, time, expected) => {
    expect(slotOn(at(zone, time), date).dueAt.toISOString()).toBe(expected);
  });
});

describe('the schedule ticked every minute across DST changes', () => {
  it('GIVEN Europe/Berlin 02:30 on spring-forward night THEN it posts once, at 03:00 CEST', () => {
    const run = simulate(at('Europe/Berlin', '02:30'), '2025-03-29T22:00:00Z', '2025-03-30T06:00:00Z', { lastDoneKey: '2025-03-29' });
    expect(run.posts).toEqual([{ slotKey: '2025-03-30', at: '2025-03-30T01:00:00.000Z' }]);
    expect(run.skips).toEqual([]);
  });

  it('GIVEN Europe/Berlin 02:30 on fall-back night THEN it posts once, at the first 02:30 (CEST), not again an hour later', () => {
    const run = simulate(at('Europe/Berlin', '02:30'), '2025-10-25T22:00:00Z', '2025-10-26T06:00:00Z', { lastDoneKey: '2025-10-25' });
    expect(run.posts).toEqual([{ slotKey: '2025-10-26', at: '2025-10-26T00:30:00.000Z' }]);
  });

  it('GIVEN Europe/Berlin 09:00 across both DST changes THEN 09:00 local every day (08:00Z in winter, 07:00Z in summer)', () => {
    const spring = simulate(at('Europe/Berlin', '09:00'), '2025-03-29T00:00:00Z', '2025-03-31T23:59:00Z', {
      lastDoneKey: '2025-03-28',
      stepMinutes: 5,
    });
    expect(spring.posts.map((p) => p.at)).toEqual(['2025-03-29T08:00:00.000Z', '2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
    const fall = simulate(at('Europe/Berlin', '09:00'), '2025-10-25T00:00:00Z', '2025-10-27T23:59:00Z', {
      lastDoneKey: '2025-10-24',
      stepMinutes: 5,
    });
    expect(fall.posts.map((p) => p.at)).toEqual(['2025-10-25T07:00:00.000Z', '2025-10-26T08:00:00.000Z', '2025-10-27T08:00:00.000Z']);
  });

  it('GIVEN America/New_York 01:30 on fall-back night THEN it posts once (EDT)', () => {
    const run = simulate(at('America/New_York', '01:30'), '2025-11-02T03:00:00Z', '2025-11-02T09:00:00Z', { lastDoneKey: '2025-11-01' });
    expect(run.posts).toEqual([{ slotKey: '2025-11-02', at: '2025-11-02T05:30:00.000Z' }]);
  });

  it('GIVEN Pacific/Chatham (UTC+12:45/+13:45) 03:00 on both change nights THEN once each, gap → 03:45', () => {
    const fall = simulate(at('Pacific/Chatham', '03:00'), '2025-04-05T12:00:00Z', '2025-04-05T17:00:00Z', { lastDoneKey: '2025-04-05' });
    expect(fall.posts).toEqual([{ slotKey: '2025-04-06', at: '2025-04-05T13:15:00.000Z' }]);
    const spring = simulate(at('Pacific/Chatham', '03:00'), '2025-09-27T12:00:00Z', '2025-09-27T17:00:00Z', { lastDoneKey: '2025-09-27' });
    expect(spring.posts).toEqual([{ slotKey: '2025-09-28', at: '2025-09-27T14:00:00.000Z' }]);
  });

  it('GIVEN Australia/Lord_Howe (30-minute DST) THEN the repeated half hour fires once and the gap fires at 02:30', () => {
    const fall = simulate(at('Australia/Lord_Howe', '01:45'), '2025-04-05T13:00:00Z', '2025-04-05T17:00:00Z', {
      lastDoneKey: '2025-04-05',
    });
    expect(fall.posts).toEqual([{ slotKey: '2025-04-06', at: '2025-04-05T14:45:00.000Z' }]);
    const spring = simulate(at('Australia/Lord_Howe', '02:15'), '2025-10-04T13:00:00Z', '2025-10-04T18:00:00Z', {
      lastDoneKey: '2025-10-04',
    });
    expect(spring.posts).toEqual([{ slotKey: '2025-10-05', at: '2025-10-04T15:30:00.000Z' }]);
  });
});

describe('days: weekday masks and weekly channels', () => {
  it('GIVEN Mon–Fri in Europe/Berlin over a week THEN five digests, none on the weekend', () => {
    const run = simulate(at('Europe/Berlin', '09:00', WEEKDAYS), '2025-03-03T00:00:00Z', '2025-03-09T23:59:00Z', {
      lastDoneKey: '2025-02-28',
      stepMinutes: 15,
    });
    expect(run.posts.map((p) => p.slotKey)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07']);
  });

  it('GIVEN a weekly (Mondays) channel over three weeks THEN three digests, each on a Monday', () => {
    const run = simulate(at('America/New_York', '08:30', ['mon']), '2025-03-03T00:00:00Z', '2025-03-23T23:59:00Z', {
      lastDoneKey: '2025-02-24',
      stepMinutes: 15,
    });
    expect(run.posts).toEqual([
      { slotKey: '2025-03-03', at: '2025-03-03T13:30:00.000Z' },
      { slotKey: '2025-03-10', at: '2025-03-10T12:30:00.000Z' },
      { slotKey: '2025-03-17', at: '2025-03-17T12:30:00.000Z' },
    ]);
  });

  it('GIVEN Asia/Kolkata Tuesdays at 00:15 THEN the weekday is the local one (Monday evening UTC)', () => {
    const run = simulate(at('Asia/Kolkata', '00:15', ['tue']), '2025-03-03T00:00:00Z', '2025-03-05T00:00:00Z', {
      lastDoneKey: '2025-02-25',
      stepMinutes: 15,
    });
    expect(run.posts).toEqual([{ slotKey: '2025-03-04', at: '2025-03-03T18:45:00.000Z' }]);
  });

  it('GIVEN no enabled day THEN nothing is ever due and there is no next digest', () => {
    expect(slotsBetween(at('UTC', '09:00', []), new Date('2025-03-01T00:00:00Z'), new Date('2025-03-30T00:00:00Z'))).toEqual([]);
    expect(nextSlot(at('UTC', '09:00', []), new Date('2025-03-01T00:00:00Z'))).toBeNull();
  });
});

describe('catch-up after downtime', () => {
  const berlin = at('Europe/Berlin', '09:00', WEEKDAYS);

  it('GIVEN a bot started mid-day (14:00) THEN today’s missed 09:00 digest is posted at once, then tomorrow’s on time', () => {
    const run = simulate(berlin, '2025-03-04T13:00:00Z', '2025-03-05T12:00:00Z', { lastDoneKey: '2025-03-03', stepMinutes: 5 });
    expect(run.posts).toEqual([
      { slotKey: '2025-03-04', at: '2025-03-04T13:00:00.000Z' },
      { slotKey: '2025-03-05', at: '2025-03-05T08:00:00.000Z' },
    ]);
  });

  it('GIVEN 3 h of downtime over the digest time THEN it is posted once, on restart', () => {
    const run = simulate(berlin, '2025-03-04T06:00:00Z', '2025-03-04T20:00:00Z', {
      lastDoneKey: '2025-03-03',
      down: [['2025-03-04T07:30:00Z', '2025-03-04T10:30:00Z']],
    });
    expect(run.posts).toEqual([{ slotKey: '2025-03-04', at: '2025-03-04T10:30:00.000Z' }]);
    expect(run.skips).toEqual([]);
  });

  it('GIVEN 2 days of downtime THEN the older slots are skipped as too late and today’s is posted once', () => {
    const run = simulate(berlin, '2025-03-03T06:00:00Z', '2025-03-05T20:00:00Z', {
      lastDoneKey: '2025-02-28',
      down: [['2025-03-03T07:00:00Z', '2025-03-05T12:00:00Z']],
      stepMinutes: 5,
    });
    expect(run.skips).toEqual([
      { slotKey: '2025-03-03', at: '2025-03-05T12:00:00.000Z', reason: 'too late' },
      { slotKey: '2025-03-04', at: '2025-03-05T12:00:00.000Z', reason: 'too late' },
    ]);
    expect(run.posts).toEqual([{ slotKey: '2025-03-05', at: '2025-03-05T12:00:00.000Z' }]);
  });

  it('GIVEN a long catch-up (48 h) and 2 days of downtime THEN only the newest is posted; the older one within the grace is superseded', () => {
    const run = simulate(berlin, '2025-03-05T12:00:00Z', '2025-03-05T12:00:00Z', { lastDoneKey: '2025-02-28', catchupHours: 48 });
    expect(run.skips.map((s) => [s.slotKey, s.reason])).toEqual([
      ['2025-03-03', 'too late'],
      ['2025-03-04', 'superseded'],
    ]);
    expect(run.posts.map((p) => p.slotKey)).toEqual(['2025-03-05']);
  });

  it('GIVEN a restart after the grace (catch-up 2 h, back at 14:00) THEN today’s is skipped as too late and tomorrow’s is posted on time', () => {
    const run = simulate(berlin, '2025-03-04T13:00:00Z', '2025-03-05T09:00:00Z', {
      lastDoneKey: '2025-03-03',
      catchupHours: 2,
      stepMinutes: 5,
    });
    expect(run.skips).toEqual([{ slotKey: '2025-03-04', at: '2025-03-04T13:00:00.000Z', reason: 'too late' }]);
    expect(run.posts).toEqual([{ slotKey: '2025-03-05', at: '2025-03-05T08:00:00.000Z' }]);
  });

  it('GIVEN PAPERBOY_CATCHUP_HOURS=0 THEN a tick a few minutes late still posts on time', () => {
    const plan = planSlots(berlin, new Date('2025-03-04T08:03:00Z'), { catchupMs: 0, lastDoneKey: '2025-03-03' });
    expect(plan.post?.slotKey).toBe('2025-03-04');
  });

  it('GIVEN a channel set up at 10:00 THEN that morning’s 09:00 slot is not its (neither posted nor skipped)', () => {
    const run = simulate(berlin, '2025-03-04T09:00:00Z', '2025-03-05T09:00:00Z', {
      lastDoneKey: null,
      notBefore: '2025-03-04T09:00:00Z',
      stepMinutes: 5,
    });
    expect(run.skips).toEqual([]);
    expect(run.posts).toEqual([{ slotKey: '2025-03-05', at: '2025-03-05T08:00:00.000Z' }]);
  });

  it('GIVEN a month of downtime THEN only the last week of slots is looked at (no flood of skipped rows)', () => {
    const plan = planSlots(berlin, new Date('2025-04-01T12:00:00Z'), { catchupMs: 12 * HOUR, lastDoneKey: '2025-02-28' });
    expect(plan.skip.map((s) => s.slotKey)).toEqual(['2025-03-26', '2025-03-27', '2025-03-28', '2025-03-31']);
    expect(plan.post?.slotKey).toBe('2025-04-01');
  });
});

describe('nextDigestText: /papers status', () => {
  const berlin = at('Europe/Berlin', '09:00', WEEKDAYS);
  const opts = (lastDoneKey: string | null) => ({ catchupMs: 12 * HOUR, lastDoneKey });

  it('GIVEN today’s digest posted THEN the next is tomorrow, in local time', () => {
    expect(nextDigestText(berlin, new Date('2025-03-04T10:00:00Z'), opts('2025-03-04'))).toBe('Wed 5 Mar 09:00 Europe/Berlin');
  });

  it('GIVEN Friday’s posted THEN the next is Monday', () => {
    expect(nextDigestText(berlin, new Date('2025-03-07T10:00:00Z'), opts('2025-03-07'))).toBe('Mon 10 Mar 09:00 Europe/Berlin');
  });

  it('GIVEN today’s slot due and not yet posted THEN it is due now', () => {
    expect(nextDigestText(berlin, new Date('2025-03-04T08:01:00Z'), opts('2025-03-03'))).toBe('Tue 4 Mar 09:00 Europe/Berlin (due now)');
  });

  it('GIVEN a time in the spring-forward gap THEN the text shows when it really fires', () => {
    expect(nextDigestText(at('Europe/Berlin', '02:30'), new Date('2025-03-29T12:00:00Z'), opts('2025-03-29'))).toBe(
      'Sun 30 Mar 03:00 Europe/Berlin',
    );
  });

  it('GIVEN no enabled day THEN null', () => {
    expect(nextDigestText(at('UTC', '09:00', []), new Date('2025-03-04T10:00:00Z'), opts(null))).toBeNull();
  });
});
