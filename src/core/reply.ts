/**
 * The neutral reply of a `/papers` command. Discord (embeds), Slack (Block Kit) and the console render it;
 * nothing in it is platform-specific.
 *
 * `text`, `notes` and `title` use a tiny markup only: `**bold**`, `*italic*` and `` `code` ``, fenced
 * ```` ``` ```` blocks on their own lines for preformatted text (the query grammar), line breaks, and lines
 * starting with `• ` for lists. Renderers translate it (Slack: `*bold*`, `_italic_`) and
 * escape everything else; user-typed text inside a reply is wrapped in `code` or quoted by the handler.
 */
import type { PaperCard } from './card.ts';
import type { Digest } from './digest/model.ts';
import type { SearchHit } from './search-types.ts';

/** Private = Discord ephemeral / Slack `ephemeral`; public = a normal channel message. */
export type Visibility = 'private' | 'public';

/** Raw option values as adapters deliver them (Slack text gives strings, Discord typed values). */
export type RawOptions = Record<string, string | number | boolean | undefined>;

/**
 * How the command ended, for adapters (a CLI exit code, metrics) and tests:
 * ok; help (asked-for help); usage (bad or missing arguments, unknown subcommand);
 * refused (not allowed); declined (a well-formed request that cannot be done: not found, duplicate, limit);
 * error (internal failure, with `errorId`).
 */
export type Outcome = 'ok' | 'help' | 'usage' | 'refused' | 'declined' | 'error';

/** The invocation that produced a reply: replayed by Share (with public visibility) and by paging. */
export interface ReplyOrigin {
  subcommand: string;
  options: RawOptions;
  offset: number;
}

/** Prev/Next: replay `subcommand` + `options` at `offset − limit` / `offset + limit`. */
export interface Paging extends ReplyOrigin {
  limit: number;
  hasMore: boolean;
}

export interface Reply {
  visibility: Visibility;
  outcome: Outcome;
  title?: string;
  /** Plain text with the tiny markup described above. */
  text?: string;
  /** Search / trending results, best first. */
  hits?: SearchHit[];
  /** Single papers (`/papers paper`, subscribe preview). */
  cards?: PaperCard[];
  /** A digest preview, rendered like the posted digest. */
  digest?: Digest;
  /** Short secondary lines (source outages, hints), shown small after the content. */
  notes?: string[];
  paging?: Paging;
  /** Offer a Share button that replays `origin` publicly. */
  shareable?: boolean;
  /** Set by the dispatcher on every handler reply. */
  origin?: ReplyOrigin;
  /** Further messages sent after this one, each with its own visibility (subscribe's private preview). */
  followUps?: Reply[];
  /** Set on `error` replies; the same id is in the log line. */
  errorId?: string;
}

/** A private reply with just text. */
export function privateReply(text: string, outcome: Outcome = 'ok', extra: Partial<Reply> = {}): Reply {
  return { visibility: 'private', outcome, text, ...extra };
}

/** A public reply with just text. */
export function publicReply(text: string, extra: Partial<Reply> = {}): Reply {
  return { visibility: 'public', outcome: 'ok', text, ...extra };
}

/** Wraps user-typed text as inline code so renderers show it literally (backticks inside are dropped). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
