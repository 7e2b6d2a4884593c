/**
 * `/papers` interactions: slash commands (validate → answer failures privately at once → defer with the
 * spec's visibility → run → render), autocomplete, and our buttons. Adapters only translate (docs/architecture.md §4).
 */
import {
  ApplicationCommandOptionType,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { autocomplete } from '../../core/autocomplete.ts';
import { runValidated, validateInvocation } from '../../core/dispatch.ts';
import { onButton } from './buttons.ts';
import { invocationOf, isManager, optionValues, PLATFORM } from './invocation.ts';
import { replyContext, replyPrivately, sendReply, type InteractionDeps } from './respond.ts';

/** The one slash command. */
export const COMMAND_NAME = 'papers';

function subcommandOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction) {
  const sub = interaction.options.data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  return { name: sub?.name ?? 'help', options: optionValues(sub?.options) };
}

async function onCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const started = performance.now();
  const sub = subcommandOf(interaction);
  const invocation = invocationOf(interaction, sub.name, sub.options);
  const validation = await validateInvocation(invocation, deps.services, deps.registry);
  const log = deps.log.child({ subcommand: sub.name, channel: interaction.channelId, user: interaction.user.id });
  if (!validation.ok) {
    await replyPrivately(interaction, validation.reply);
    log.info({ outcome: validation.reply.outcome, ms: Math.round(performance.now() - started) }, 'discord command answered');
    return;
  }
  // Discord fixes ephemeral-or-public here, and the 3 s window closes soon: defer before any real work.
  await interaction.deferReply(validation.visibility === 'private' ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await runValidated(validation);
  await sendReply(interaction, reply, validation.visibility, replyContext(interaction, deps));
  log.info({ outcome: reply.outcome, ms: Math.round(performance.now() - started) }, 'discord command answered');
}

async function onAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const sub = subcommandOf(interaction);
  const choices = await autocomplete(sub.name, focused.name, String(focused.value), {
    channel: { platform: PLATFORM, channelId: interaction.channelId },
    workspaceId: interaction.guildId,
    user: { id: interaction.user.id, isManager: isManager(interaction) },
    services: deps.services,
    registry: deps.registry,
  });
  await interaction.respond(choices);
}

/** Routes one interaction; errors are the caller's to log. */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) return onAutocomplete(interaction, deps);
  if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) return onCommand(interaction, deps);
  if (interaction.isButton()) return onButton(interaction, deps);
}
