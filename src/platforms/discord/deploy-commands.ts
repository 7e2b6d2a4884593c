/**
 * `paperboy deploy-commands`: bulk-overwrites the application's commands with `/papers` (idempotent), globally
 * or in one guild, and reports per subcommand what changed against what Discord had.
 */
import { REST, Routes, type APIApplicationCommand } from 'discord.js';
import type { CommandSpec } from '../../core/command.ts';
import { PaperboyError } from '../../core/errors.ts';
import { specProblems } from '../../core/spec-check.ts';
import { papersCommandJson } from './command-json.ts';
import { COMMAND_NAME } from './interactions.ts';

/** What deploying needs (src/config.ts DiscordConfig). */
export interface DeploySettings {
  token: string;
  applicationId: string;
  apiUrl: string;
  guildId: string | null;
}

/** What changed, by subcommand (`/other` for other commands the overwrite removed). */
export interface DeployResult {
  scope: 'global' | 'guild';
  guildId: string | null;
  commandId: string | null;
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

type Json = Record<string, unknown>;

/** The fields we send, with Discord's defaults filled in, so a fetched command compares equal to ours. */
function normalize(option: Json): Json {
  const list = (value: unknown) => (Array.isArray(value) ? (value as Json[]) : []);
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: option.required === true,
    autocomplete: option.autocomplete === true,
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    choices: list(option.choices).map((c) => ({ name: c.name, value: c.value })),
    options: list(option.options).map(normalize),
  };
}

function subcommands(command: { options?: unknown } | undefined): Map<string, string> {
  const options = Array.isArray(command?.options) ? (command.options as Json[]) : [];
  return new Map(options.map((o) => [String(o.name), JSON.stringify(normalize(o))]));
}

/** Registers `/papers` from the registry; throws a PaperboyError when the registry breaks Discord's limits. */
export async function deployCommands(settings: DeploySettings, registry: readonly CommandSpec[]): Promise<DeployResult> {
  const problems = specProblems(registry);
  if (problems.length > 0) throw new PaperboyError('internal', `the /papers specs break Discord's limits: ${problems.join('; ')}`);
  const scope = settings.guildId ? 'guild' : 'global';
  const rest = new REST({ api: settings.apiUrl }).setToken(settings.token);
  const route = settings.guildId
    ? Routes.applicationGuildCommands(settings.applicationId, settings.guildId)
    : Routes.applicationCommands(settings.applicationId);
  const current = (await rest.get(route)) as APIApplicationCommand[];
  const body = [papersCommandJson(registry, scope)];
  const saved = (await rest.put(route, { body })) as APIApplicationCommand[];
  const before = subcommands(current.find((c) => c.name === COMMAND_NAME));
  const after = subcommands(body[0]);
  const result: DeployResult = {
    scope,
    guildId: settings.guildId,
    commandId: saved.find((c) => c.name === COMMAND_NAME)?.id ?? null,
    added: [],
    updated: [],
    unchanged: [],
    removed: [],
  };
  for (const [name, json] of after) {
    const old = before.get(name);
    (old === undefined ? result.added : old === json ? result.unchanged : result.updated).push(name);
  }
  result.removed.push(...[...before.keys()].filter((name) => !after.has(name)));
  result.removed.push(...current.filter((c) => c.name !== COMMAND_NAME).map((c) => `/${c.name}`));
  return result;
}
