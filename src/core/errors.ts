/** Stable error codes: what callers branch on and what logs and metrics group by. */
export type ErrorCode =
  | 'config'
  | 'usage'
  | 'bad_input'
  | 'not_found'
  | 'source_unavailable'
  | 'source_malformed'
  | 'rate_limited'
  | 'timeout'
  | 'store'
  | 'channel_unavailable'
  | 'internal';

/** An internal failure with a stable code and its cause; logged, never shown verbatim to users. */
export class PaperboyError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaperboyError';
    this.code = code;
  }
}

/** A failure caused by what a user typed or asked for; its message is written for that user. */
export class UserError extends PaperboyError {
  constructor(message: string, code: ErrorCode = 'bad_input', options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'UserError';
  }
}

/** A one-line description of any thrown value, for logs and CLI messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The platform says the bot can no longer post to a channel (Discord 10003/50001/50013, Slack
 * `channel_not_found`/`is_archived`/`not_in_channel` after a join attempt). Delivery pauses the channel
 * with `reason`, which `/papers status` shows; retrying would not help.
 */
export class ChannelUnavailableError extends PaperboyError {
  /** For the channel's members: "the bot lost access to this channel (Missing Access)". */
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super('channel_unavailable', `channel unavailable: ${reason}`, options);
    this.name = 'ChannelUnavailableError';
    this.reason = reason;
  }
}
