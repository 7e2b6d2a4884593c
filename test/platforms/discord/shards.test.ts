/**
 * Gateway shards (docs/architecture.md §11): the discord.js Client gets `shardCount` and `shards` from the settings
 * (nothing when unset: discord.js's one shard), and the real client identifies to the fake gateway as that shard.
 */
import { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../commands/index.ts';
import { createDiscordPlatform, discordClientOptions, type DiscordSettings } from '../../../src/platforms/discord/discord-platform.ts';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { createFakeServices } from '../../fakes/fake-services.ts';

const discord = createFakeDiscord();
const fake = createFakeServices(new Date());
const deps = { services: fake.services, registry, log: fake.log, clock: fake.services.clock };

beforeAll(() => discord.start());
afterAll(() => discord.close());

const base = (extra: Partial<DiscordSettings> = {}): DiscordSettings => ({
  token: discord.token,
  applicationId: discord.applicationId,
  apiUrl: discord.apiUrl,
  ...extra,
});

describe('client options', () => {
  it('GIVEN no shard settings THEN no shard options, and discord.js runs its single shard 0 of 1', () => {
    const options = discordClientOptions(base());
    expect(options).not.toHaveProperty('shards');
    expect(options).not.toHaveProperty('shardCount');
    const client = new Client(options);
    expect(client.options).toMatchObject({ shards: [0], shardCount: 1 });
    void client.destroy();
  });

  it('GIVEN a count and ids THEN the Client runs those ids of that count; a count alone runs every shard', () => {
    const some = new Client(discordClientOptions(base({ shards: { count: 4, ids: [1, 3] } })));
    expect(some.options).toMatchObject({ shards: [1, 3], shardCount: 4 });
    const all = new Client(discordClientOptions(base({ shards: { count: 3, ids: null } })));
    expect(all.options).toMatchObject({ shards: [0, 1, 2], shardCount: 3 });
    void some.destroy();
    void all.destroy();
  });
});

describe('through the gateway', () => {
  it('GIVEN shard 1 of 2 THEN the client identifies as [1, 2], is ready, logs its shards and answers interactions', async () => {
    const platform = createDiscordPlatform(base({ shards: { count: 2, ids: [1] } }), deps);
    try {
      await platform.start();
      expect(discord.identifies.at(-1)).toMatchObject({ token: discord.token, intents: 1, shard: [1, 2] });
      expect(fake.log.entries.find((e) => e.message === 'discord connected')?.context).toMatchObject({ shards: [1], shardCount: 2 });
      // The fake dispatches to every live session, like the one shard that holds this guild.
      expect((await discord.command('help').answer()).visibility).toBe('private');
    } finally {
      await platform.stop();
    }
  });

  it('GIVEN no shard settings THEN the client identifies as shard [0, 1], as before', async () => {
    const identified = discord.identifies.length;
    const platform = createDiscordPlatform(base(), deps);
    try {
      await platform.start();
      expect(discord.identifies).toHaveLength(identified + 1);
      expect(discord.identifies.at(-1)).toMatchObject({ shard: [0, 1] });
    } finally {
      await platform.stop();
    }
  });
});
