/** Discord API errors that mean the bot can no longer post to a channel, as the core's ChannelUnavailableError. */
import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { ChannelUnavailableError } from '../../core/errors.ts';

/** The reason shown by `/papers status`, per Discord error code (docs/architecture.md §11). */
const UNAVAILABLE: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.UnknownChannel, 'the channel no longer exists on Discord (Unknown Channel)'],
  [RESTJSONErrorCodes.MissingAccess, 'paperboy lost access to this channel (Missing Access): give it View Channel here'],
  [
    RESTJSONErrorCodes.MissingPermissions,
    'paperboy lacks a permission it needs here (Missing Permissions): give it Send Messages and Embed Links',
  ],
]);

/** ChannelUnavailableError for Unknown Channel / Missing Access / Missing Permissions; any other error unchanged. */
export function channelError(error: unknown): unknown {
  if (error instanceof DiscordAPIError && typeof error.code === 'number') {
    const reason = UNAVAILABLE.get(error.code);
    if (reason) return new ChannelUnavailableError(reason, { cause: error });
  }
  return error;
}
