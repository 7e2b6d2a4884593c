import { describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import type { RawOptions } from '../../src/core/reply.ts';
import type { FakeServices } from '../fakes/fake-services.ts';
import { setup } from '../commands/harness.ts';

/** Makes every service and every store method fail like a broken disk. */
function breakEverything(fake: FakeServices): Error {
  const failure = new Error('disk I/O error');
  const fail = async () => Promise.reject(failure);
  const { services } = fake;
  services.search = { search: fail };
  services.trending = fail;
  services.paper = fail;
  services.status = fail;
  services.digests = { preview: fail, postNow: fail };
  for (const key of Object.keys(services.channels) as Array<keyof typeof services.channels>)
    Object.assign(services.channels, { [key]: fail });
  return failure;
}

const happy: Array<[string, RawOptions]> = [
  ['search', { query: 'x' }],
  ['trending', {}],
  ['paper', { id: '2409.12917' }],
  ['subscribe', { topic: 'x' }],
  ['unsubscribe', { topic: 'x' }],
  ['topics', {}],
  ['schedule', { time: '09:00' }],
  ['digest', {}],
  ['digest', { mode: 'now' }],
  ['pause', {}],
  ['resume', {}],
  ['status', {}],
];

describe('dispatch — an internal failure in any subcommand', () => {
  it('GIVEN the table THEN it covers every subcommand but help', () => {
    expect(new Set(happy.map(([name]) => name))).toEqual(new Set(registry.map((s) => s.name).filter((n) => n !== 'help')));
  });

  it.each(happy)(
    'GIVEN broken services THEN /papers %s %j apologises privately with an id and logs the cause',
    async (subcommand, options) => {
      const { fake, run } = setup();
      const failure = breakEverything(fake);
      const reply = await run(subcommand, options);
      expect(reply).toMatchObject({ visibility: 'private', outcome: 'error' });
      expect(reply.text).toContain(`(error id ${reply.errorId})`);
      expect(reply.text).not.toMatch(/disk I\/O|at .*\.ts|Error:/);
      const logged = fake.log.entries.find((e) => e.level === 'error');
      expect(logged).toMatchObject({
        message: 'command failed',
        context: { errorId: reply.errorId, subcommand, channel: 'discord:C1', err: failure },
      });
    },
  );

  it('GIVEN broken services THEN help still answers', async () => {
    const { fake, run } = setup();
    breakEverything(fake);
    expect((await run('help', { subcommand: 'search' })).outcome).toBe('help');
  });
});
