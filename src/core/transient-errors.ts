/**
 * Which platform failures are worth retrying soon (docs/architecture.md §8),
 * judged from the error's shape so the core needs no SDK: HTTP status, Node network codes, abort/timeouts,
 * and paperboy's own `rate_limited`/`timeout` codes. A channel the platform refuses is never transient.
 */
import { ChannelUnavailableError, PaperboyError } from './errors.ts';

/** Node and undici codes of a connection that failed or timed out. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  // @slack/web-api: the request never got an answer.
  'slack_webapi_request_error',
]);

/** Error names of aborted or timed-out requests and of a 429 an SDK chose to throw (discord.js RateLimitError). */
const TRANSIENT_NAMES = new Set(['AbortError', 'TimeoutError', 'ConnectTimeoutError', 'RateLimitError']);

function transientStatus(value: unknown): boolean {
  return typeof value === 'number' && (value >= 500 || value === 429 || value === 408);
}

/** True when `error` (or an error in its `cause` chain) is a 5xx, a 429, a timeout or a network failure. */
export function isTransientError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof ChannelUnavailableError) return false;
    if (current instanceof PaperboyError && (current.code === 'rate_limited' || current.code === 'timeout')) return true;
    const { status, statusCode, code, name } = current as { status?: unknown; statusCode?: unknown; code?: unknown; name?: unknown };
    if (transientStatus(status) || transientStatus(statusCode)) return true;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
