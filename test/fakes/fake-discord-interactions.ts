/**
 * INTERACTION_CREATE payloads for the fake Discord (what discord.js needs to accept them) and the record of how the
 * bot answered each one: callbacks, the original response as edited, follow-ups.
 */
import { channelObject, messageObject, snowflake, type FakeMessage, type FakeUser } from './fake-discord-payloads.ts';

/** Interaction types (Discord): 2 slash command, 3 component, 4 autocomplete. */
export const INTERACTION = { command: 2, component: 3, autocomplete: 4 } as const;

/** Permission bits the tests use; everything else stays off. */
export const PERMISSIONS = {
  manageChannels: 1n << 4n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  embedLinks: 1n << 14n,
  useApplicationCommands: 1n << 31n,
  sendMessagesInThreads: 1n << 38n,
  createPublicThreads: 1n << 35n,
} as const;

/** An ordinary member: may see, talk and use commands, may not manage the channel. */
export const MEMBER_PERMISSIONS =
  PERMISSIONS.viewChannel | PERMISSIONS.sendMessages | PERMISSIONS.embedLinks | PERMISSIONS.useApplicationCommands;
/** A channel manager. */
export const MANAGER_PERMISSIONS = MEMBER_PERMISSIONS | PERMISSIONS.manageChannels;
/** What the bot needs to post digests (View Channel, Send Messages, Embed Links) and thread mode. */
export const BOT_PERMISSIONS = MEMBER_PERMISSIONS | PERMISSIONS.sendMessagesInThreads | PERMISSIONS.createPublicThreads;

/** Where and by whom an interaction happens. */
export interface InteractionContext {
  applicationId: string;
  guildId: string;
  channelId: string;
  user: FakeUser;
  /** The member's permissions in the channel (default: an ordinary member). */
  permissions?: bigint;
  /** The bot's permissions in the channel (default: BOT_PERMISSIONS). */
  appPermissions?: bigint;
}

/** A slash-command option value: strings are type 3, whole numbers type 4, booleans type 5. */
export type OptionInput = string | number | boolean;

function optionList(options: Record<string, OptionInput>, focused?: string): unknown[] {
  return Object.entries(options).map(([name, value]) => ({
    name,
    type: typeof value === 'number' ? 4 : typeof value === 'boolean' ? 5 : 3,
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

function base(type: number, ctx: InteractionContext, data: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: snowflake(),
    application_id: ctx.applicationId,
    type,
    token: `itoken-${snowflake()}`,
    version: 1,
    guild_id: ctx.guildId,
    channel_id: ctx.channelId,
    channel: channelObject(ctx.channelId, ctx.guildId, 'papers'),
    member: {
      user: ctx.user,
      roles: [],
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      permissions: (ctx.permissions ?? MEMBER_PERMISSIONS).toString(),
    },
    app_permissions: (ctx.appPermissions ?? BOT_PERMISSIONS).toString(),
    locale: 'en-US',
    guild_locale: 'en-US',
    // discord.js reduces `entitlements` and reads `authorizing_integration_owners`: both must be present.
    entitlements: [],
    authorizing_integration_owners: { '0': ctx.guildId },
    context: 0,
    attachment_size_limit: 10_485_760,
    data,
    ...extra,
  };
}

/** `/papers <subcommand> [options]` (type 2), or its autocomplete (type 4) when `focused` names an option. */
export function commandPayload(
  ctx: InteractionContext,
  subcommand: string,
  options: Record<string, OptionInput>,
  focused?: string,
): Record<string, unknown> {
  const data = {
    id: snowflake(),
    name: 'papers',
    type: 1,
    guild_id: ctx.guildId,
    options: [{ name: subcommand, type: 1, options: optionList(options, focused) }],
  };
  return base(focused === undefined ? INTERACTION.command : INTERACTION.autocomplete, ctx, data);
}

/** A click on button `customId` of `message` (type 3). */
export function buttonPayload(ctx: InteractionContext, message: FakeMessage, customId: string): Record<string, unknown> {
  return base(INTERACTION.component, ctx, { custom_id: customId, component_type: 2 }, { message: messageObject(message) });
}

/** One interaction callback as the bot posted it. */
export interface Callback {
  type: number;
  data?: {
    flags?: number;
    content?: string;
    embeds?: unknown[];
    components?: unknown[];
    choices?: Array<{ name: string; value: string }>;
    allowed_mentions?: unknown;
  };
}

/** Everything the bot did with one interaction. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  userId: string;
  channelId: string;
  callbacks: Callback[];
  /** The original response (or, for a component, the message it is on) as last created or edited. */
  original: FakeMessage | null;
  /** PATCH bodies sent to `@original`, in order. */
  edits: Array<Record<string, unknown>>;
  followUps: FakeMessage[];
  deletedOriginal: boolean;
  /** The message the clicked component is on (component interactions only). */
  componentMessage: FakeMessage | null;
}
