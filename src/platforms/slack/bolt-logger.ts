/**
 * Bolt's, the Socket Mode client's and the WebClient's log lines through paperboy's logger, so they are JSON
 * lines like the rest and pass the logger's secret scrubbing.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';

/** Anything token-shaped, and payload fields that act as credentials (the legacy verification token, response URLs). */
const SENSITIVE = [/\b(xox[abprse]|xapp)-[\w-]+/g, /"(token|response_url|trigger_id)":"[^"]*"/g];

/**
 * One line from an SDK's log arguments. At debug level the Socket Mode client logs whole payloads, so
 * credentials in them are masked here, before the core logger's own scrubbing of configured secrets.
 */
function describe(parts: unknown[]): string {
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part instanceof Error) return part.message;
      try {
        return JSON.stringify(part);
      } catch {
        return String(part);
      }
    })
    .join(' ');
  return SENSITIVE.reduce(
    (out, pattern) => out.replace(pattern, (match, key: string) => (match.startsWith('"') ? `"${key}":"[redacted]"` : '[redacted]')),
    text,
  );
}

/** Adapts the core Logger to the `@slack/logger` interface; levels are filtered by the core logger. */
export function boltLogger(log: Logger): BoltLogger {
  const sdk = log.child({ component: 'slack-sdk' });
  return {
    debug: (...parts: unknown[]) => sdk.debug({ detail: describe(parts) }, 'slack sdk'),
    info: (...parts: unknown[]) => sdk.info({ detail: describe(parts) }, 'slack sdk'),
    warn: (...parts: unknown[]) => sdk.warn({ detail: describe(parts) }, 'slack sdk'),
    error: (...parts: unknown[]) => sdk.error({ detail: describe(parts) }, 'slack sdk'),
    // The core logger owns the level; the SDKs only ask it to decide whether to build debug strings.
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
