/**
 * A `/papers` subcommand as data: its options, who may run it, how its reply is seen, and one handler
 * returning a neutral Reply. Help, Discord registration and Slack parsing are all generated from it.
 */
import type { ChannelRef, Weekday } from './channel.ts';
import type { CommandServices } from './command-services.ts';
import type { Logger } from './logger.ts';
import type { ParsedQuery } from './query/index.ts';
import type { RawOptions, Reply, Visibility } from './reply.ts';

/** Discord's rule for option and command names (lowercase, 1–32 characters; docs/architecture.md §6). */
export const NAME_PATTERN = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}]{1,32}$/u;
/** Discord's limit on command, option and choice descriptions. */
export const MAX_DESCRIPTION = 100;
/** Discord's limit on options per subcommand, choices per option and autocomplete results. */
export const MAX_CHOICES = 25;

export type OptionKind = 'string' | 'integer' | 'choice' | 'time' | 'timezone' | 'days' | 'query' | 'topic' | 'since' | 'paperId';

/** A query option's value: what the user typed (trimmed) and its parse. */
export interface QueryValue {
  text: string;
  query: ParsedQuery;
}

/** A topic option's value: also its canonical form, the channel's unique key for it. */
export interface TopicValue extends QueryValue {
  normalized: string;
}

/** The validated value each option kind yields. */
export interface OptionValueByKind {
  string: string;
  integer: number;
  choice: string;
  /** `HH:MM`. */
  time: string;
  /** The IANA zone as typed. */
  timezone: string;
  /** Monday first, no repeats. */
  days: Weekday[];
  query: QueryValue;
  topic: TopicValue;
  /** As typed (`7d`, `2w`, `2025-01-01`), checked by parseSince. */
  since: string;
  /** Canonical arXiv id. */
  paperId: string;
}

export type OptionValue = OptionValueByKind[OptionKind];
/** Validated options by name; absent optional options are undefined. */
export type OptionMap = Readonly<Record<string, OptionValue | undefined>>;

/** An autocomplete suggestion (Discord: name and value each ≤ 100 characters). */
export interface Choice {
  name: string;
  value: string;
}

/** What an autocomplete provider knows about the user typing. */
export interface AutocompleteContext {
  channel: ChannelRef;
  workspaceId: string | null;
  user: { id: string; isManager: boolean };
  services: CommandServices;
  registry: readonly CommandSpec[];
}

/** Suggests values for a partially typed option; must be fast (Discord allows 3 s, no defer). */
export type AutocompleteProvider = (partial: string, ctx: AutocompleteContext) => Promise<readonly Choice[]> | readonly Choice[];

interface OptionBase<K extends OptionKind> {
  kind: K;
  name: string;
  /** ≤ 100 characters; also the option's line in help. */
  description: string;
  required?: boolean;
  /** Set → Discord `autocomplete: true`. Never together with choices. */
  autocomplete?: AutocompleteProvider;
  /** The placeholder in usage lines, e.g. `HH:MM`; defaults to the option name. */
  placeholder?: string;
}

export interface StringOption extends OptionBase<'string'> {
  minLength?: number;
  maxLength: number;
}

export interface IntegerOption extends OptionBase<'integer'> {
  min: number;
  max: number;
  default?: number;
}

export interface ChoiceOption extends OptionBase<'choice'> {
  /** ≤ 25; values lowercase, ≤ 100 characters. */
  choices: ReadonlyArray<{ value: string; description: string }>;
  default?: string;
}

/** Kinds whose limits are fixed by the kind itself (query ≤ 300, topic ≤ 200, …). */
export type FixedOption = OptionBase<'time' | 'timezone' | 'days' | 'query' | 'topic' | 'since' | 'paperId'>;

export type OptionSpec = StringOption | IntegerOption | ChoiceOption | FixedOption;

/** Who may run a subcommand: anyone, or channel managers (docs/architecture.md §6). */
export type Who = 'anyone' | 'manager';

/** What adapters offer on a reply: Prev/Next buttons, a Share button. */
export interface CommandActions {
  paging?: boolean;
  share?: boolean;
}

/** How a subcommand was called, in platform-neutral terms. Adapters build it; `dispatch` runs it. */
export interface Invocation {
  channel: ChannelRef;
  workspaceId: string | null;
  user: { id: string; isManager: boolean };
  /** Who may manage, in this platform's words: "members with Manage Channels", "workspace admins". */
  managerRule: string;
  subcommand: string;
  options: RawOptions;
  /** Paging offset (Prev/Next buttons); 0 when absent. */
  offset?: number;
  /** Set by the adapter when the bot cannot post here ("give me Send Messages in #papers"); subscribe and schedule show it. */
  postingProblem?: string;
}

/** What a handler gets: validated options, the invocation, services and a logger bound to this command. */
export interface CommandContext<V = OptionMap> {
  options: V;
  invocation: Invocation;
  services: CommandServices;
  log: Logger;
  offset: number;
  now: Date;
  registry: readonly CommandSpec[];
}

/** A subcommand with its handler; `V` is its validated options' type. */
export interface CommandSpecOf<V> {
  /** ≤ 32, lowercase (NAME_PATTERN). */
  name: string;
  /** ≤ 100 characters. */
  description: string;
  /** Required before optional (Discord's rule); the first is the positional one in argument text. */
  options: readonly OptionSpec[];
  who: Who | ((options: V) => Who);
  /** Completes "Only <managerRule> can …" in a refusal, e.g. "change this channel's subscriptions". */
  managerAction?: string | ((options: V) => string);
  visibility: Visibility | ((options: V) => Visibility);
  actions?: CommandActions;
  /** Argument text after `/papers`, shown in help: `search "diffusion transformers" since:30d`. */
  examples: readonly string[];
  /** Help's "Who:" line when `who` depends on the options: "preview: anyone; now: channel managers". */
  whoHelp?: string;
  /** Extra help paragraph (e.g. the query grammar). */
  details?: string;
  /** Fast store-only checks run before adapters defer, so refusals stay private; throw UserError. */
  precheck?: (ctx: CommandContext<V>) => Promise<void>;
  handler: (ctx: CommandContext<V>) => Promise<Reply>;
}

/** A subcommand in the registry, with its options' types erased. */
export type CommandSpec = CommandSpecOf<OptionMap>;

type Present<S> = S extends { required: true } ? true : S extends { default: string | number } ? true : false;

/** A choice option's value is the union of its choice values. */
type ValueOf<S extends OptionSpec> = S extends { kind: 'choice'; choices: ReadonlyArray<{ value: infer V }> }
  ? V
  : OptionValueByKind[S['kind']];

/** The validated options' type of an options tuple: required or defaulted options are always present. */
export type OptionValues<O extends readonly OptionSpec[]> = {
  readonly [S in O[number] as S['name']]: Present<S> extends true ? ValueOf<S> : ValueOf<S> | undefined;
};

/**
 * Declares a subcommand with options typed from its spec. The erasure to CommandSpec is sound because
 * dispatch validates every option against this same spec before calling the handler.
 */
export function defineCommand<const O extends readonly OptionSpec[]>(spec: CommandSpecOf<OptionValues<O>> & { options: O }): CommandSpec {
  return spec as unknown as CommandSpec;
}
