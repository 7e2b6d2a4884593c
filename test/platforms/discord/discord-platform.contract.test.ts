/** The Discord platform (real discord.js, started, against the fake Discord) runs the ChatPlatform contract. */
import { afterAll, beforeAll } from 'vitest';
import { registry } from '../../../commands/index.ts';
import { defaultChannelSettings } from '../../../src/core/digest/service.ts';
import type { ChatPlatform } from '../../../src/core/ports.ts';
import { createDiscordPlatform } from '../../../src/platforms/discord/discord-platform.ts';
import { describeChatPlatformContract } from '../../contracts/publisher.contract.ts';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { createFakeServices } from '../../fakes/fake-services.ts';
import { discordMessageProblems } from './message-check.ts';

const discord = createFakeDiscord();
const fake = createFakeServices(new Date());
let platform: ChatPlatform;

beforeAll(async () => {
  const { apiUrl } = await discord.start();
  platform = createDiscordPlatform(
    { token: discord.token, applicationId: discord.applicationId, apiUrl },
    { services: fake.services, registry, log: fake.log, clock: fake.services.clock },
  );
  await platform.start();
});

afterAll(async () => {
  await platform?.stop();
  await discord.close();
});

describeChatPlatformContract(
  'Discord',
  () => ({
    publisher: platform,
    newChannel: (settings = {}) => ({
      ...defaultChannelSettings({ platform: 'discord', channelId: discord.addChannel('contract') }, 'UTC'),
      workspaceId: discord.guildId,
      ...settings,
    }),
    sent: (channel) =>
      discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel.channelId}/messages`).map((r) => r.body),
    problems: (body) => discordMessageProblems(body as Parameters<typeof discordMessageProblems>[0], { sent: true }),
  }),
  { limits: true },
);
