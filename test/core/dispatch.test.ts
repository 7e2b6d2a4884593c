import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runValidated } from '../../src/core/dispatch.ts';
import { UserError } from '../../src/core/errors.ts';
import { CHANNEL, setup } from '../commands/harness.ts';

describe('dispatch — routing and validation order', () => {
  it('GIVEN an unknown subcommand THEN a private usage reply with the general help naming it', async () => {
    const { run } = setup();
    const reply = await run('fly', { to: 'moon' });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain('There is no /papers fly.');
    expect(reply.text).toContain('/papers search <query>');
  });

  it('GIVEN an upper-case subcommand from an adapter THEN it is found', async () => {
    const { run } = setup();
    expect((await run('SEARCH', { query: 'x' })).outcome).toBe('ok');
  });

  it('GIVEN a non-manager with invalid options THEN the usage error comes first (nothing is revealed either way)', async () => {
    const { run } = setup();
    expect((await run('schedule', { time: '25:99' }, { manager: false })).outcome).toBe('usage');
  });

  it.each([
    [-5, 0],
    [Number.NaN, 0],
    [7.9, 7],
    [1e9, 500],
  ])('GIVEN paging offset %s THEN the handler sees %s', async (offset, seen) => {
    const { fake, run } = setup();
    await run('search', { query: 'x' }, { offset });
    expect(fake.calls.search[0]?.offset).toBe(seen);
  });
});

describe('validateInvocation — what adapters check before deferring', () => {
  it.each([
    ['search', { query: 'x' }, 'private'],
    ['subscribe', { topic: 'x' }, 'public'],
    ['unsubscribe', {}, 'private'],
    ['schedule', {}, 'private'],
    ['schedule', { size: 3 }, 'public'],
    ['digest', { mode: 'now' }, 'private'],
  ] as const)('GIVEN %s %j THEN it is valid with %s visibility and no handler ran', async (subcommand, options, visibility) => {
    const { fake, validate } = setup();
    const result = await validate(subcommand, options);
    expect(result).toMatchObject({ ok: true, visibility });
    expect(fake.calls.search).toHaveLength(0);
    expect(fake.calls.postNow).toHaveLength(0);
    expect(await fake.channels.get(CHANNEL)).toBeNull();
  });

  it('GIVEN a duplicate topic THEN the refusal is decided before deferring, so it can stay private', async () => {
    const { validate, subscribe } = setup();
    await subscribe('diffusion');
    const result = await validate('subscribe', { topic: 'diffusion' });
    expect(result).toMatchObject({ ok: false, reply: { visibility: 'private', outcome: 'declined' } });
  });

  it('GIVEN a valid invocation THEN runValidated returns the reply with its origin', async () => {
    const { validate } = setup();
    const result = await validate('trending', { period: 'week' }, { offset: 5 });
    if (!result.ok) throw new Error('expected a valid invocation');
    const reply = await runValidated(result);
    expect(reply.origin).toEqual({ subcommand: 'trending', options: { period: 'week' }, offset: 5 });
  });
});

describe('dispatch — errors are caught once', () => {
  it('GIVEN a handler that throws a UserError THEN its message, privately', async () => {
    const { fake, run } = setup();
    fake.services.status = async () => Promise.reject(new UserError('Status is resting.'));
    expect(await run('status')).toMatchObject({ visibility: 'private', outcome: 'declined', text: 'Status is resting.' });
    expect(fake.log.entries.filter((e) => e.level === 'error')).toHaveLength(0);
  });

  it('GIVEN a service that fails internally THEN a private apology with an error id, logged with context, and no stack', async () => {
    const { fake, run } = setup();
    const failure = new Error('SQLITE_BUSY: database is locked');
    fake.services.status = async () => Promise.reject(failure);
    const reply = await run('status', {}, { manager: false });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'error' });
    expect(reply.errorId).toMatch(/^[0-9A-F]{6}$/);
    expect(reply.text).toBe(`Sorry — something went wrong on our side (error id ${reply.errorId}). Please try again in a minute.`);
    expect(fake.log.entries).toContainEqual({
      level: 'error',
      message: 'command failed',
      context: { errorId: reply.errorId, subcommand: 'status', channel: 'discord:C1', user: 'U1', err: failure },
    });
  });

  it('GIVEN a precheck whose store read fails THEN the same apology, before any deferral', async () => {
    const { fake, validate } = setup();
    fake.services.channels.topics = async () => Promise.reject(new Error('disk I/O error'));
    const result = await validate('subscribe', { topic: 'x' });
    expect(result).toMatchObject({ ok: false, reply: { visibility: 'private', outcome: 'error' } });
  });
});

describe('dispatchText', () => {
  it('GIVEN empty text THEN the general help, as help', async () => {
    const { text } = setup();
    expect(await text('/papers')).toMatchObject({ visibility: 'private', outcome: 'help' });
  });

  it('GIVEN a repeated option THEN the message and the subcommand help', async () => {
    const { text } = setup();
    const reply = await text('search x since:7d since:2w');
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage', title: '/papers search' });
    expect(reply.text).toContain('since: is given twice ("7d" and "2w")');
  });

  it('GIVEN a missing required option THEN the subcommand help', async () => {
    const { text } = setup();
    const reply = await text('subscribe');
    expect(reply).toMatchObject({ outcome: 'usage', title: '/papers subscribe' });
    expect(reply.text).toContain('/papers subscribe needs topic');
    expect(reply.text).toContain('**Usage:** `/papers subscribe <topic>`');
  });

  const pieces = [
    'search ',
    'subscribe ',
    'schedule ',
    'paper ',
    'unsubscribe ',
    'digest ',
    'trending ',
    ' ',
    ':',
    '"',
    'since:',
    'limit:',
    'time:',
    'timezone:',
    'days:',
    'size:',
    'topic:',
    '-',
    'OR',
    'cat:',
    'author:',
    '9',
    '25:99',
    'now',
    'Mars/Olympus',
    '🔥',
    '<@U1>',
    '&amp;',
    'x',
    'mon-fri',
  ];

  it('GIVEN 2,000 random command texts from managers THEN every reply is valid and none is an internal error', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 20 }).map((a) => a.join('')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        const { fake, text: send } = setup();
        const reply = await send(input);
        expect(['ok', 'help', 'usage', 'declined']).toContain(reply.outcome);
        expect(fake.log.entries.filter((e) => e.level === 'error')).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
