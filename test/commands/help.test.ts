import { describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import { setup } from './harness.ts';

describe('/papers help', () => {
  it('GIVEN no subcommand THEN the general list of every subcommand, privately', async () => {
    const { text } = setup();
    const reply = await text('help', { manager: false });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'help' });
    for (const spec of registry) expect(reply.text).toContain(`/papers ${spec.name}`);
  });

  it('GIVEN a subcommand THEN its usage line, options with limits, examples and who', async () => {
    const { text } = setup();
    const reply = await text('help schedule');
    expect(reply.title).toBe('/papers schedule');
    expect(reply.text).toContain(
      '`/papers schedule [<HH:MM>] [timezone:<Area/City>] [days:<days>] [size:<1–10>] [min_upvotes:<0–100000>] [empty:<say|skip>] [thread:<on|off>]`',
    );
    expect(reply.text).toContain('• `size` — Papers per digest. 1–10.');
    expect(reply.text).toContain('`/papers schedule time:09:00 timezone:Europe/Berlin days:weekdays`');
    expect(reply.text).toContain('Who: channel managers (anyone may see the schedule');
  });

  it("GIVEN a manager subcommand THEN the Who line uses the platform's words", async () => {
    const { text } = setup();
    expect((await text('help subscribe')).text).toContain('Who: members with Manage Channels.');
  });

  it('GIVEN help search THEN the query grammar is included', async () => {
    const { run } = setup();
    const reply = await run('help', { subcommand: 'search' });
    expect(reply.text).toContain('`/papers search <query> [since:<7d|2w|date>] [limit:<1–10>]`');
    expect(reply.text).toContain('How to write a query');
    expect(reply.text).toContain('• `limit` — Results per page. 1–10, default 5.');
  });

  it('GIVEN an unknown subcommand THEN a private usage reply listing the valid ones', async () => {
    const { run } = setup();
    const reply = await run('help', { subcommand: 'fly' });
    expect(reply).toMatchObject({ visibility: 'private', outcome: 'usage' });
    expect(reply.text).toContain('one of search, trending, paper');
  });
});
