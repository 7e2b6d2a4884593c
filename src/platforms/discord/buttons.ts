/**
 * Prev/Next and Share: a click replays the stored invocation. Paging is for the person who ran the command
 * (the message is theirs, ephemeral); Share posts the same result publicly in the channel.
 */
import type { ButtonInteraction } from 'discord.js';
import { dispatch, runValidated, validateInvocation } from '../../core/dispatch.ts';
import type { Replay } from '../../core/ports.ts';
import { privateReply, type Reply } from '../../core/reply.ts';
import { invocationOf } from './invocation.ts';
import { messageOf, parseCustomId, replyContext, replyPrivately, sendReply, type InteractionDeps } from './respond.ts';

/** Said when a button's result is gone (15 minutes, or evicted). */
export const EXPIRED_TEXT = 'This result expired. Run the command again.';
/** Said to anyone but the invoker who tries to page. */
export const NOT_YOURS_TEXT = 'Only the person who ran the search can page it. Run your own `/papers search` or `/papers trending`.';

async function page(interaction: ButtonInteraction, stored: Replay, direction: 1 | -1, deps: InteractionDeps): Promise<void> {
  const paging = stored.paging;
  if (!paging) return replyPrivately(interaction, privateReply(EXPIRED_TEXT, 'declined'));
  await interaction.deferUpdate();
  const offset = Math.max(0, paging.offset + direction * paging.limit);
  const reply = await dispatch(invocationOf(interaction, paging.subcommand, paging.options, offset), deps.services, deps.registry);
  // After deferUpdate, editReply edits the message the button is on: the same private result, next page.
  await interaction.editReply(await messageOf(reply, replyContext(interaction, deps)));
}

async function share(interaction: ButtonInteraction, stored: Replay, deps: InteractionDeps): Promise<void> {
  const { origin } = stored;
  if (!origin) return replyPrivately(interaction, privateReply(EXPIRED_TEXT, 'declined'));
  const validation = await validateInvocation(
    invocationOf(interaction, origin.subcommand, origin.options, origin.offset),
    deps.services,
    deps.registry,
  );
  if (!validation.ok) return replyPrivately(interaction, validation.reply);
  await interaction.deferReply();
  const reply = await runValidated(validation);
  const shared: Reply =
    reply.outcome === 'ok'
      ? {
          ...reply,
          visibility: 'public',
          paging: undefined,
          shareable: false,
          notes: [...(reply.notes ?? []), `Shared by ${interaction.user.displayName}`],
        }
      : reply;
  await sendReply(interaction, shared, 'public', replyContext(interaction, deps));
}

/** Handles a click on one of our buttons; other custom ids are not ours and are ignored. */
export async function onButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const parsed = parseCustomId(interaction.customId);
  if (!parsed) return;
  const stored = await deps.replays.get(parsed.token);
  const log = deps.log.child({ button: parsed.action, channel: interaction.channelId, user: interaction.user.id });
  if (!stored) {
    log.info({}, 'discord button expired');
    return replyPrivately(interaction, privateReply(EXPIRED_TEXT, 'declined'));
  }
  if (parsed.action === 'share') return share(interaction, stored, deps);
  if (interaction.user.id !== stored.userId) {
    log.info({}, 'discord paging refused');
    return replyPrivately(interaction, privateReply(NOT_YOURS_TEXT, 'refused'));
  }
  await page(interaction, stored, parsed.action === 'next' ? 1 : -1, deps);
}
