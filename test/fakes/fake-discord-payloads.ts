/**
 * Payload builders and Discord's message limits for the fake Discord (`fake-discord.ts`): snowflakes, the
 * objects discord.js needs (READY, GUILD_CREATE, interactions, messages) and the checks Discord answers
 * with 400 Invalid Form Body (docs/architecture.md §11).
 */

/** Discord's epoch (2015-01-01); snowflakes carry milliseconds since it in their top 42 bits. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A realistic snowflake (discord.js recognises only 17–19 digit ids as major parameters). */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** A Discord user as gateway and REST payloads carry it. */
export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  avatar: null;
  global_name: string;
  bot?: boolean;
}

/** A user with a fresh id. */
export function fakeUser(username: string, bot = false): FakeUser {
  return { id: snowflake(), username, discriminator: '0', avatar: null, global_name: username, ...(bot ? { bot: true } : {}) };
}

/** A message as the fake stores and returns it. */
export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Embed[];
  components: unknown[];
  flags: number;
  author: FakeUser;
  timestamp: string;
  nonce?: string;
  /** What the request asked for (`allowed_mentions`), kept to assert nobody is pinged. */
  allowed_mentions?: unknown;
  /** The webhook that posted it (interaction replies and follow-ups). */
  webhook_id?: string;
}

/** An embed as sent; only what the limits and tests look at is typed. */
export interface Embed {
  title?: string;
  description?: string;
  url?: string;
  footer?: { text?: string };
  author?: { name?: string };
  fields?: Array<{ name?: string; value?: string }>;
  thumbnail?: { url?: string };
  [key: string]: unknown;
}

/** A full message object, with every field discord.js reads. */
export function messageObject(message: FakeMessage): Record<string, unknown> {
  return {
    ...message,
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    type: 0,
  };
}

/** A guild text channel. */
export function channelObject(id: string, guildId: string, name: string, type = 0): Record<string, unknown> {
  return { id, type, name, guild_id: guildId, position: 0, permission_overwrites: [], parent_id: null, nsfw: false };
}

/** GUILD_CREATE's guild: channels, the @everyone role and no members (the Guilds intent only). */
export function guildObject(id: string, channels: Array<{ id: string; name: string }>, botId: string): Record<string, unknown> {
  return {
    id,
    name: 'Paper Lab',
    icon: null,
    owner_id: botId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: '@everyone',
        permissions: '2248473465835073',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    members: [],
    channels: channels.map((c) => channelObject(c.id, id, c.name)),
    threads: [],
    presences: [],
    voice_states: [],
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
  };
}

// ── Discord's limits on what a message may carry ─────────────────────────────────────────────────────────

const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
  embeds: 10,
};

/** Discord's embed length: title, description, field names and values, footer text and author name. */
export function embedChars(embed: Embed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text?.length ?? 0) +
    (embed.author?.name?.length ?? 0)
  );
}

interface Row {
  type?: number;
  components?: Array<{ type?: number; custom_id?: string; label?: string; url?: string }>;
}

/** Every reason Discord would reject this message body with 400 Invalid Form Body; empty when it is fine. */
export function messageProblems(body: { content?: unknown; embeds?: unknown; components?: unknown; nonce?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof body.content === 'string' && body.content.length > 2000) problems.push(`content is ${body.content.length} > 2000 characters`);
  if (typeof body.nonce === 'string' && body.nonce.length > 25) problems.push(`nonce is ${body.nonce.length} > 25 characters`);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Embed[]) : [];
  if (embeds.length > EMBED_LIMITS.embeds) problems.push(`${embeds.length} embeds > 10`);
  embeds.forEach((e, i) => {
    const over = (what: string, length: number | undefined, max: number) => {
      if (length !== undefined && length > max) problems.push(`embeds[${i}].${what} is ${length} > ${max}`);
    };
    over('title', e.title?.length, EMBED_LIMITS.title);
    over('description', e.description?.length, EMBED_LIMITS.description);
    over('footer.text', e.footer?.text?.length, EMBED_LIMITS.footer);
    over('author.name', e.author?.name?.length, EMBED_LIMITS.author);
    over('fields', e.fields?.length, EMBED_LIMITS.fields);
    e.fields?.forEach((f, j) => {
      over(`fields[${j}].name`, f.name?.length, EMBED_LIMITS.fieldName);
      over(`fields[${j}].value`, f.value?.length, EMBED_LIMITS.fieldValue);
    });
  });
  const total = embeds.reduce((n, e) => n + embedChars(e), 0);
  if (total > EMBED_LIMITS.total) problems.push(`embeds total ${total} > 6000 characters`);
  const rows = Array.isArray(body.components) ? (body.components as Row[]) : [];
  if (rows.length > 5) problems.push(`${rows.length} action rows > 5`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    if ((row.components?.length ?? 0) > 5) problems.push(`components[${i}] has more than 5 buttons`);
    for (const c of row.components ?? []) {
      if (c.custom_id !== undefined && (c.custom_id.length < 1 || c.custom_id.length > 100))
        problems.push(`custom_id ${c.custom_id} is not 1–100 characters`);
      if (c.custom_id !== undefined && ids.has(c.custom_id)) problems.push(`custom_id ${c.custom_id} is not unique`);
      if (c.custom_id !== undefined) ids.add(c.custom_id);
      if (c.label !== undefined && c.label.length > 80) problems.push(`button label over 80 characters`);
    }
  });
  return problems;
}
