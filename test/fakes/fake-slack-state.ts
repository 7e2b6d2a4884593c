/**
 * The workspace a fake Slack simulates: channels (public/private, member or not, archived, gone), users (admin
 * flags), the messages the bot posted, and the Web API methods paperboy calls answered from that state the way
 * Slack answers them (errors as `200 {ok:false,error}`).
 */

/** A channel's state; unknown channel ids are public channels the bot is already in. */
export interface FakeChannel {
  id: string;
  name?: string;
  isPrivate?: boolean;
  isMember?: boolean;
  isArchived?: boolean;
  /** false = deleted (or never existed): every call answers `channel_not_found`. */
  exists?: boolean;
}

export interface FakeUser {
  id: string;
  name?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

/** A message the bot posted (chat.postMessage), as conversations.history returns it. */
export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown;
  metadata: unknown;
  threadTs: string | null;
  botId: string;
}

/** Who the fake says the bot is (auth.test). */
export const FAKE_IDENTITY = { teamId: 'T0PAPERS', botId: 'B0PAPERBOY', botUserId: 'U0PAPERBOY', name: 'paperboy', appId: 'A0PAPERBOY' };

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

const fail = (error: string): Answer => ({ ok: false, error });

/** The simulated workspace; `answer` handles one Web API call. */
export class FakeWorkspace {
  readonly channels = new Map<string, Required<FakeChannel>>();
  readonly users = new Map<string, FakeUser>();
  readonly messages: FakeMessage[] = [];
  private posted = 0;

  constructor(private readonly socketUrl: () => string) {}

  setChannel(channel: FakeChannel): void {
    const current = this.channel(channel.id);
    this.channels.set(channel.id, { ...current, ...channel } as Required<FakeChannel>);
  }

  channel(id: string): Required<FakeChannel> {
    return this.channels.get(id) ?? { id, name: id.toLowerCase(), isPrivate: false, isMember: true, isArchived: false, exists: true };
  }

  /** Why the bot cannot read or post in a channel, Slack's way, or null when it can. */
  private access(id: string): string | null {
    const c = this.channel(id);
    if (!c.exists || (c.isPrivate && !c.isMember)) return 'channel_not_found';
    if (c.isArchived) return 'is_archived';
    return c.isMember ? null : 'not_in_channel';
  }

  answer(method: string, params: Params, token: string | null): Answer {
    const id = String(params.channel ?? '');
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://paperboy-test.slack.com/',
          team: 'paperboy test',
          user: FAKE_IDENTITY.name,
          team_id: FAKE_IDENTITY.teamId,
          user_id: FAKE_IDENTITY.botUserId,
          bot_id: FAKE_IDENTITY.botId,
        };
      case 'apps.connections.open':
        return token?.startsWith('xapp-') ? { ok: true, url: this.socketUrl() } : fail('not_allowed_token_type');
      case 'chat.postMessage':
        return this.post(id, params);
      case 'conversations.join': {
        const c = this.channel(id);
        if (!c.exists) return fail('channel_not_found');
        if (c.isArchived) return fail('is_archived');
        if (c.isPrivate) return fail('method_not_supported_for_channel_type');
        this.setChannel({ id, isMember: true });
        return { ok: true, channel: this.info(id) };
      }
      case 'conversations.info': {
        const c = this.channel(id);
        return !c.exists || (c.isPrivate && !c.isMember) ? fail('channel_not_found') : { ok: true, channel: this.info(id) };
      }
      case 'conversations.history':
        return this.history(id, params);
      case 'users.info': {
        const user = this.users.get(String(params.user)) ?? { id: String(params.user) };
        const name = user.name ?? user.id.toLowerCase();
        return {
          ok: true,
          user: {
            id: user.id,
            name,
            real_name: name,
            is_admin: user.isAdmin ?? false,
            is_owner: user.isOwner ?? false,
            profile: { display_name: name },
          },
        };
      }
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME', type: 'home' } };
      default:
        return { ok: true };
    }
  }

  private info(id: string): Answer {
    const c = this.channel(id);
    return { id, name: c.name, is_channel: true, is_private: c.isPrivate, is_member: c.isMember, is_archived: c.isArchived };
  }

  private post(id: string, params: Params): Answer {
    const problem = this.access(id);
    if (problem) return fail(problem);
    this.posted += 1;
    const message: FakeMessage = {
      channel: id,
      // Slack's ts is the post's Unix time with a per-channel sequence; conversations.history filters on it.
      ts: `${Math.floor(Date.now() / 1000)}.${String(this.posted).padStart(6, '0')}`,
      text: String(params.text ?? ''),
      blocks: params.blocks ?? null,
      metadata: params.metadata ?? null,
      threadTs: typeof params.thread_ts === 'string' ? params.thread_ts : null,
      botId: FAKE_IDENTITY.botId,
    };
    this.messages.push(message);
    return {
      ok: true,
      channel: id,
      ts: message.ts,
      message: { type: 'message', text: message.text, bot_id: message.botId, ts: message.ts },
    };
  }

  private history(id: string, params: Params): Answer {
    const c = this.channel(id);
    if (!c.exists || (c.isPrivate && !c.isMember)) return fail('channel_not_found');
    if (!c.isMember) return fail('not_in_channel');
    const oldest = Number(params.oldest ?? 0);
    const withMetadata = params.include_all_metadata === true || params.include_all_metadata === 'true';
    const messages = this.messages
      .filter((m) => m.channel === id && Number(m.ts) >= oldest)
      .reverse()
      .slice(0, Number(params.limit ?? 100))
      .map((m) => ({
        type: 'message',
        ts: m.ts,
        text: m.text,
        bot_id: m.botId,
        ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
      }));
    return { ok: true, messages, has_more: false, response_metadata: { next_cursor: '' } };
  }
}
