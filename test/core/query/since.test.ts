import { describe, expect, it } from 'vitest';
import { QuerySyntaxError, parseSince, sinceToDate } from '../../../src/core/query/index.ts';

const NOW = new Date('2025-03-04T12:00:00.000Z');

describe('parseSince', () => {
  it.each([
    ['7d', 7],
    ['1d', 1],
    ['2w', 14],
    ['3m', 90],
    ['1y', 365],
    ['10y', 3650],
    ['3650d', 3650],
    [' 7D ', 7],
    ['7 d', 7],
  ])('GIVEN %j THEN it reaches back %i days', (text, days) => {
    expect(parseSince(text)).toEqual({ kind: 'relative', days });
  });

  it.each(['2025-01-01', '2024-02-29', '2025-03-04'])('GIVEN the real date %j not after now THEN it is a date spec', (date) => {
    expect(parseSince(date, NOW)).toEqual({ kind: 'date', date });
  });

  it.each([
    ['', /needs a value/],
    ['7', /not a since: value/],
    ['d7', /not a since: value/],
    ['7h', /not a since: value/],
    ['-7d', /not a since: value/],
    ['0d', /no time at all/],
    ['3651d', /at most|limit is 3650/],
    ['999999w', /limit is 3650/],
    ['2025-13-01', /not a real date/],
    ['2023-02-29', /not a real date/],
    ['2025-1-1', /not a since: value/],
    ['0000-01-01', /not a real date/],
    ['2025-03-05', /in the future/],
    ['a'.repeat(500), /not a since: value/],
  ])('GIVEN %j THEN a QuerySyntaxError says %s', (text, message) => {
    expect(() => parseSince(text, NOW)).toThrow(QuerySyntaxError);
    expect(() => parseSince(text, NOW)).toThrow(message);
  });

  it('GIVEN a long bad value THEN the message quotes only its start', () => {
    expect(() => parseSince('a'.repeat(500))).toThrow(/"a{39}…"/);
  });

  it('GIVEN a future date and no now THEN it is accepted (parseQuery without a clock cannot know)', () => {
    expect(parseSince('2999-01-01')).toEqual({ kind: 'date', date: '2999-01-01' });
  });
});

describe('sinceToDate', () => {
  it('GIVEN 7 days THEN it is exactly 7×24 h before now', () => {
    expect(sinceToDate({ kind: 'relative', days: 7 }, NOW).toISOString()).toBe('2025-02-25T12:00:00.000Z');
  });

  it('GIVEN a date THEN it is that midnight UTC', () => {
    expect(sinceToDate({ kind: 'date', date: '2025-01-01' }, NOW).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});
