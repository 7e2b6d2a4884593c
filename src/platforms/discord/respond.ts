/**
 * Sends a neutral Reply through an interaction: stores what its buttons replay, edits the deferred response
 * (or swaps a public "thinking…" for a private answer when the reply turned out private), then follow-ups.
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import type { ChannelRef } from '../../core/channel.ts';
import type { CommandSpec } from '../../core/command.ts';
import type { CommandServices } from '../../core/command-services.ts';
import type { Logger } from '../../core/logger.ts';
import type { ReplayStore } from '../../core/ports.ts';
import type { Reply, Visibility } from '../../core/reply.ts';
import { PLATFORM } from './invocation.ts';
import { renderReply, type DiscordReply, type ReplyControls } from './render-reply.ts';

/** Nobody is ever pinged (docs/architecture.md §11): sent with every message, reply, follow-up and edit. */
export const NO_MENTIONS = { parse: [] };

/** What interaction handling needs. */
export interface InteractionDeps {
  services: CommandServices;
  registry: readonly CommandSpec[];
  log: Logger;
  replays: ReplayStore;
}

/** Who gets the buttons of a reply, and where. */
export interface ReplyContext {
  replays: ReplayStore;
  userId: string;
  channel: ChannelRef;
  workspaceId: string | null;
}

/** The reply context (the buttons' owner and place) of an interaction. */
export function replyContext(interaction: Interaction & { channelId: string }, deps: InteractionDeps): ReplyContext {
  return {
    replays: deps.replays,
    userId: interaction.user.id,
    channel: { platform: PLATFORM, channelId: interaction.channelId },
    workspaceId: interaction.guildId,
  };
}

type ButtonAction = 'prev' | 'next' | 'share';
const CUSTOM_ID = /^pb:(prev|next|share):([A-Za-z0-9_-]{1,40})$/;

/** A button's custom id: `pb:<action>:<token>` (well under Discord's 100 characters). */
export function customId(action: ButtonAction, token: string): string {
  return `pb:${action}:${token}`;
}

/** The action and token of one of our buttons, or null for anything else. */
export function parseCustomId(id: string): { action: ButtonAction; token: string } | null {
  const m = CUSTOM_ID.exec(id);
  return m?.[1] && m[2] ? { action: m[1] as ButtonAction, token: m[2] } : null;
}

/** Prev/Next when the reply has another page, Share when it may be shared; stores what they replay. */
export async function controlsFor(reply: Reply, ctx: ReplyContext): Promise<ReplyControls> {
  const paging = reply.paging && (reply.paging.offset > 0 || reply.paging.hasMore) ? reply.paging : null;
  const origin = reply.origin ?? reply.paging;
  const share = reply.shareable === true && reply.visibility === 'private' && origin !== undefined;
  if ((!paging && !share) || origin === undefined) return {};
  const token = await ctx.replays.put({ userId: ctx.userId, channel: ctx.channel, workspaceId: ctx.workspaceId, origin, paging });
  const controls: ReplyControls = {};
  if (paging) {
    controls.prev = paging.offset > 0 ? customId('prev', token) : null;
    controls.next = paging.hasMore ? customId('next', token) : null;
  }
  if (share) controls.share = customId('share', token);
  return controls;
}

/** The rendered reply with its buttons (stored first) and the mention policy. */
export async function messageOf(reply: Reply, ctx: ReplyContext | null): Promise<DiscordReply & { allowedMentions: typeof NO_MENTIONS }> {
  return { ...renderReply(reply, ctx ? await controlsFor(reply, ctx) : {}), allowedMentions: NO_MENTIONS };
}

/** Answers a deferred interaction with `reply` and its follow-ups; `deferred` is the visibility it was deferred with. */
export async function sendReply(interaction: RepliableInteraction, reply: Reply, deferred: Visibility, ctx: ReplyContext): Promise<void> {
  const message = await messageOf(reply, ctx);
  if (reply.visibility === 'private' && deferred === 'public') {
    // Refusals and errors are always private: the public "thinking…" gives way to a private answer.
    await interaction.deleteReply();
    await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.editReply(message);
  }
  for (const followUp of reply.followUps ?? []) {
    const next = await messageOf(followUp, ctx);
    await interaction.followUp(followUp.visibility === 'private' ? { ...next, flags: MessageFlags.Ephemeral } : next);
  }
}

/** A private answer sent at once (validation failures, expired or foreign buttons). */
export async function replyPrivately(interaction: RepliableInteraction, reply: Reply): Promise<void> {
  await interaction.reply({ ...(await messageOf(reply, null)), flags: MessageFlags.Ephemeral });
}
