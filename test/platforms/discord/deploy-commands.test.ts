/**
 * `/papers` registration: the JSON generated from the command specs, and `paperboy deploy-commands` (a child
 * process) against the fake Discord: guild or global bulk overwrite, what changed, idempotence, usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../commands/index.ts';
import { NAME_PATTERN } from '../../../src/core/command.ts';
import { optionShape } from '../../../src/core/option-validators.ts';
import { describeDeploy } from '../../../src/cli/deploy-commands.ts';
import { papersCommandJson } from '../../../src/platforms/discord/command-json.ts';
import { deployCommands } from '../../../src/platforms/discord/deploy-commands.ts';
import { createFakeDiscord } from '../../fakes/fake-discord.ts';
import { runCli, workDir } from '../../cli/run-cli.ts';
import { botEnv } from './bot-process.ts';

interface OptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  choices?: Array<{ name: string; value: string }>;
  options?: OptionJson[];
}

/** Checks a registered `/papers` against the specs: every subcommand, option types, limits, descriptions ≤ 100. */
function expectMatchesSpecs(command: {
  name: string;
  description: string;
  options?: OptionJson[];
  default_member_permissions?: unknown;
}): void {
  expect(command.name).toBe('papers');
  expect(command.description.length).toBeLessThanOrEqual(100);
  expect(command.default_member_permissions ?? null).toBeNull();
  expect(command.options?.map((o) => o.name)).toEqual(registry.map((s) => s.name));
  for (const spec of registry) {
    const sub = command.options!.find((o) => o.name === spec.name)!;
    expect(sub.type).toBe(1);
    expect(sub.description.length).toBeGreaterThan(0);
    expect(sub.description.length).toBeLessThanOrEqual(100);
    expect(sub.options?.map((o) => o.name)).toEqual(spec.options.map((o) => o.name));
    for (const option of spec.options) {
      const json = sub.options!.find((o) => o.name === option.name)!;
      const shape = optionShape(option);
      expect(NAME_PATTERN.test(json.name)).toBe(true);
      expect(json.description.length, `${spec.name} ${option.name}`).toBeLessThanOrEqual(100);
      expect(json.type).toBe(shape.type === 'integer' ? 4 : 3);
      expect(json.required ?? false).toBe(option.required ?? false);
      expect(json.autocomplete ?? false).toBe(option.autocomplete !== undefined);
      expect(json.min_value).toBe(shape.minValue);
      expect(json.max_value).toBe(shape.maxValue);
      if (shape.choices) {
        expect(json.choices?.map((c) => c.value)).toEqual(shape.choices.map((c) => c.value));
        for (const choice of json.choices ?? []) expect(choice.name.length).toBeLessThanOrEqual(100);
      } else {
        expect(json.min_length).toBe(shape.minLength);
        expect(json.max_length).toBe(shape.maxLength);
      }
    }
  }
}

describe('the /papers registration JSON', () => {
  it('GIVEN the registry THEN every subcommand, option type, limit and choice, descriptions ≤ 100, no default permissions', () => {
    const json = papersCommandJson(registry, 'global');
    expectMatchesSpecs(json as Parameters<typeof expectMatchesSpecs>[0]);
    expect(json).toMatchObject({ contexts: [0], integration_types: [0] });
    expect(JSON.stringify(json).length).toBeLessThan(16_000);
  });

  it('GIVEN the autocomplete options THEN unsubscribe topic and schedule timezone are flagged, and no option has both choices and autocomplete', () => {
    const options = (papersCommandJson(registry, 'guild').options ?? []) as OptionJson[];
    const flagged = options.flatMap((sub) => (sub.options ?? []).filter((o) => o.autocomplete).map((o) => `${sub.name} ${o.name}`));
    expect(flagged).toEqual(['unsubscribe topic', 'schedule timezone']);
    expect(options.flatMap((sub) => sub.options ?? []).filter((o) => o.autocomplete && o.choices)).toEqual([]);
    expect(papersCommandJson(registry, 'guild')).not.toHaveProperty('contexts');
  });
});

describe('paperboy deploy-commands', () => {
  const discord = createFakeDiscord();
  beforeAll(() => discord.start());
  afterAll(() => discord.close());

  const deploy = (extra: Record<string, string> = {}) => {
    const cwd = workDir();
    return runCli(['deploy-commands'], { cwd, env: { ...botEnv(discord, cwd), PAPERBOY_LOG_LEVEL: 'warn', ...extra } });
  };

  it('GIVEN DISCORD_GUILD_ID THEN /papers is bulk-overwritten in that guild, matching the specs, and the output lists what was added', async () => {
    const result = await deploy({ DISCORD_GUILD_ID: discord.guildId });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^registered /papers in guild ${discord.guildId} \\(12 subcommands\\)\\n  added:     search, trending, paper,`),
    );
    const put = discord.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`);
    const [command, ...others] = discord.commands(discord.guildId);
    expect(others).toEqual([]);
    expectMatchesSpecs(command as unknown as Parameters<typeof expectMatchesSpecs>[0]);
  });

  // The CLI is proven above; these runs call the same function in-process to keep the suite fast.
  const settings = (guildId: string | null) => ({
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    guildId,
  });

  it('GIVEN a second run THEN nothing changed (the overwrite is idempotent)', async () => {
    const result = await deployCommands(settings(discord.guildId), registry);
    expect(result).toMatchObject({ scope: 'guild', added: [], updated: [], removed: [], unchanged: registry.map((s) => s.name) });
    expect(describeDeploy(result)).toContain('  nothing changed');
    expect(discord.commands(discord.guildId)).toHaveLength(1);
  });

  it('GIVEN a changed spec and a stale command THEN the subcommand is reported updated and the stale command removed', async () => {
    const changed = registry.map((s) => (s.name === 'status' ? { ...s, description: 'Sources, next digest and pause state' } : s));
    const result = await deployCommands(settings(null), changed);
    expect(result).toMatchObject({ scope: 'global', added: registry.map((s) => s.name) });
    discord.commands('global').push({ id: '1300000000000000099', name: 'old-command' });
    const again = await deployCommands(settings(null), registry);
    expect(again).toMatchObject({ updated: ['status'], removed: ['/old-command'] });
    expect(discord.commands('global').map((c) => c.name)).toEqual(['papers']);
    expect(discord.commands('global')[0]).toMatchObject({ contexts: [0], integration_types: [0] });
  });

  it('GIVEN no Discord credentials THEN a usage error saying what to set, exit 2', async () => {
    const result = await deploy({ DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/deploy-commands needs Discord credentials: set DISCORD_TOKEN .* and DISCORD_APPLICATION_ID/);
  });
});
