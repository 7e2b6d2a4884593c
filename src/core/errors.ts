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
