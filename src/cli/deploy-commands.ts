/**
 * `paperboy deploy-commands`: registers `/papers` on Discord from the command specs (bulk overwrite, so running it
 * twice changes nothing), in DISCORD_GUILD_ID when set (instant) or globally, and prints what changed.
 */
import type { App } from '../app.ts';
import { deployCommands, type DeployResult } from '../platforms/discord/deploy-commands.ts';
import { registry } from '../../commands/index.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

/** The usage line. */
export const DEPLOY_USAGE = 'paperboy deploy-commands';

const MISSING_CONFIG =
  'deploy-commands needs Discord credentials: set DISCORD_TOKEN (Developer Portal → Bot → Reset Token) and DISCORD_APPLICATION_ID ' +
  '(General Information → Application ID); DISCORD_GUILD_ID deploys to one server instantly instead of globally';

/** The lines that say what a deploy changed. */
export function describeDeploy(result: DeployResult): string[] {
  const where = result.scope === 'guild' ? `in guild ${result.guildId}` : 'globally';
  const lines = [`registered /papers ${where} (${result.added.length + result.updated.length + result.unchanged.length} subcommands)`];
  if (result.added.length + result.updated.length + result.removed.length === 0) lines.push('  nothing changed');
  if (result.added.length > 0) lines.push(`  added:     ${result.added.join(', ')}`);
  if (result.updated.length > 0) lines.push(`  updated:   ${result.updated.join(', ')}`);
  if (result.removed.length > 0) lines.push(`  removed:   ${result.removed.join(', ')}`);
  if (result.unchanged.length > 0) lines.push(`  unchanged: ${result.unchanged.join(', ')}`);
  if (result.scope === 'global')
    lines.push('Global commands can take a few minutes to show up; set DISCORD_GUILD_ID to test in one server at once.');
  return lines;
}

/** Deploys and prints the changes. */
export async function runDeployCommands(app: App, argv: string[], out: Output): Promise<number> {
  if (argv.length > 0)
    throw new UsageError(`deploy-commands takes no arguments (the guild comes from DISCORD_GUILD_ID)\nusage: ${DEPLOY_USAGE}`);
  const discord = app.config.discord;
  if (!discord) throw new UsageError(MISSING_CONFIG);
  const result = await deployCommands(discord, registry);
  for (const line of describeDeploy(result)) out.line(line);
  return 0;
}
