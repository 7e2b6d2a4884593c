/**
 * The pino logger behind the core Logger port. Logs go to stderr so CLI output on stdout stays
 * machine-readable, and every configured secret is scrubbed from messages and context.
 */
import { pino, type DestinationStream } from 'pino';
import type { Logger } from './core/logger.ts';

export interface LogOptions {
  level: string;
  /** Secret values to scrub wherever they appear. */
  secrets?: string[];
  /** Where lines go; stderr by default. */
  destination?: DestinationStream;
}

const REDACTED = '[redacted]';
/** Keys whose values are secret whatever they hold. */
const SECRET_KEYS = /^(authorization|token|.*_token|.*Token|signingSecret|signing_secret|password|secret)$/;

function scrub(value: unknown, secrets: string[], depth = 0): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message, secrets), code: (value as { code?: unknown }).code };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? REDACTED : scrub(v, secrets, depth + 1)]));
}

/** Creates the process logger. */
export function createLogger(options: LogOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  return pino(
    {
      level: options.level,
      base: { name: 'paperboy' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a, secrets)) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}
