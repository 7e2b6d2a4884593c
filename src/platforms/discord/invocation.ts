/** A Discord interaction in the dispatcher's neutral terms: channel, member permissions, options. */
import { PermissionFlagsBits, type BaseInteraction, type CommandInteractionOption, type PermissionsBitField } from 'discord.js';
import type { Invocation } from '../../core/command.ts';
import type { RawOptions } from '../../core/reply.ts';

/** The platform name channels are stored under. */
export const PLATFORM = 'discord';
/** Who counts as a channel manager, in refusals: "Only members with Manage Channels can …". */
export const MANAGER_RULE = 'members with Manage Channels';

/** What the bot needs in a channel to post digests there. */
const POSTING_PERMISSIONS: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

/** What to fix when the bot cannot post digests here (from `app_permissions`), or undefined when it can. */
export function postingProblem(appPermissions: Readonly<PermissionsBitField> | null): string | undefined {
  if (!appPermissions) return undefined;
  const missing = POSTING_PERMISSIONS.filter(([bit]) => !appPermissions.has(bit)).map(([, name]) => name);
  if (missing.length === 0) return undefined;
  return `I can't post digests in this channel yet: give paperboy ${missing.join(', ')} here (Channel settings → Permissions).`;
}

/** True when the member has Manage Channels in this channel (Administrator implies it). */
export function isManager(interaction: BaseInteraction): boolean {
  return interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
}

/** The typed option values of a subcommand, by name. */
export function optionValues(options: readonly CommandInteractionOption[] | undefined): RawOptions {
  const raw: RawOptions = {};
  for (const option of options ?? []) {
    const value = option.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') raw[option.name] = value;
  }
  return raw;
}

/** The neutral invocation of `subcommand` with `options` by the interaction's user in its channel. */
export function invocationOf(
  interaction: BaseInteraction & { channelId: string },
  subcommand: string,
  options: RawOptions,
  offset = 0,
): Invocation {
  const problem = postingProblem(interaction.appPermissions);
  return {
    channel: { platform: PLATFORM, channelId: interaction.channelId },
    workspaceId: interaction.guildId,
    user: { id: interaction.user.id, isManager: isManager(interaction) },
    managerRule: MANAGER_RULE,
    subcommand,
    options,
    offset,
    ...(problem === undefined ? {} : { postingProblem: problem }),
  };
}
