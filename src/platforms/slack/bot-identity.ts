/** Who the bot is in its workspace (`auth.test`), asked once and remembered; a failed ask is retried next time. */
import { PaperboyError } from '../../core/errors.ts';
import { platformError, type SlackClient } from './slack-api.ts';

export interface BotIdentity {
  /** `B…`: the bot's messages carry it as `bot_id`. */
  botId: string;
  /** `U…`: the bot user. */
  userId: string;
  /** `T…`: the one workspace this bot token serves. */
  teamId: string;
  /** The bot user's name, for "invite @paperboy". */
  name: string;
}

/** Tokens Slack no longer accepts: retrying will not help, the operator must act. */
const DEAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired']);

/** A memoized `auth.test`; a rejected token becomes a config error naming SLACK_BOT_TOKEN (never its value). */
export function botIdentity(client: SlackClient): () => Promise<BotIdentity> {
  let pending: Promise<BotIdentity> | null = null;
  const ask = async (): Promise<BotIdentity> => {
    try {
      const result = await client.auth.test();
      return { botId: result.bot_id ?? '', userId: result.user_id ?? '', teamId: result.team_id ?? '', name: result.user ?? 'paperboy' };
    } catch (error) {
      const code = platformError(error);
      if (code !== null && DEAD_TOKEN.has(code)) {
        throw new PaperboyError(
          'config',
          `Slack rejected SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token again (OAuth & Permissions)`,
          { cause: error },
        );
      }
      throw error;
    }
  };
  return () => {
    pending ??= ask().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
