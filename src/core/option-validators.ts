/** Turns raw option values (Slack text, Discord typed values) into validated values, with friendly errors. */
import type { CommandSpec, OptionMap, OptionSpec, OptionValue } from './command.ts';
import { UserError } from './errors.ts';
import { parsePaperId } from './paper-id.ts';
import {
  MAX_QUERY_LENGTH,
  MAX_TOPIC_LENGTH,
  QUERY_GRAMMAR,
  QuerySyntaxError,
  normalizeQuery,
  parseQuery,
  parseSince,
} from './query/index.ts';
import type { RawOptions } from './reply.ts';
import { parseDays, parseTime, parseTimezone } from './schedule/values.ts';

/**
 * A bad or missing argument. `help` says how much of the subcommand's help goes with the message:
 * `full` (usage, options, examples) or `usage` (the message already explains, e.g. with the query grammar).
 */
export class OptionError extends UserError {
  readonly help: 'full' | 'usage';

  constructor(message: string, help: 'full' | 'usage' = 'full', options?: { cause?: unknown }) {
    super(message, 'usage', options);
    this.name = 'OptionError';
    this.help = help;
  }
}

/** The platform-facing shape of an option: Discord type, lengths, ranges, choices. */
export interface OptionShape {
  type: 'string' | 'integer';
  minLength?: number;
  maxLength?: number;
  minValue?: number;
  maxValue?: number;
  choices?: ReadonlyArray<{ value: string; description: string }>;
}

/** Limits of every kind, shared by validation, help and Discord registration. */
export function optionShape(option: OptionSpec): OptionShape {
  switch (option.kind) {
    case 'string':
      return { type: 'string', minLength: option.minLength ?? 1, maxLength: option.maxLength };
    case 'integer':
      return { type: 'integer', minValue: option.min, maxValue: option.max };
    case 'choice':
      return { type: 'string', choices: option.choices };
    case 'query':
      return { type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH };
    case 'topic':
      return { type: 'string', minLength: 1, maxLength: MAX_TOPIC_LENGTH };
    case 'time':
      return { type: 'string', minLength: 4, maxLength: 5 };
    case 'timezone':
      return { type: 'string', minLength: 1, maxLength: 64 };
    case 'days':
      return { type: 'string', minLength: 3, maxLength: 100 };
    case 'since':
      return { type: 'string', minLength: 2, maxLength: 10 };
    case 'paperId':
      return { type: 'string', minLength: 9, maxLength: 300 };
  }
}

/**
 * Re-throws a UserError from a parser as an OptionError, prefixed with the option's name unless the
 * message already names it; a query syntax error shows the grammar as a preformatted block.
 */
function withName<T>(name: string, help: 'full' | 'usage', parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const message = error instanceof QuerySyntaxError ? `${error.problem}\n\n\`\`\`\n${QUERY_GRAMMAR}\n\`\`\`` : error.message;
    throw new OptionError(message.includes(`${name}:`) ? message : `${name}: ${message}`, help, { cause: error });
  }
}

function integer(option: Extract<OptionSpec, { kind: 'integer' }>, raw: string | number): number {
  const value = typeof raw === 'number' ? raw : /^[+-]?\d{1,16}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  const range = `from ${option.min} to ${option.max}`;
  if (!Number.isSafeInteger(value))
    throw new OptionError(`${option.name} must be a whole number ${range}; "${String(raw).slice(0, 40)}" isn't one.`);
  if (value < option.min || value > option.max) throw new OptionError(`${option.name} must be ${range}; you gave ${value}.`);
  return value;
}

function lengthCheck(name: string, text: string, max: number): void {
  const length = Array.from(text).length;
  if (length > max) throw new OptionError(`${name} is ${length} characters long; the limit is ${max}. Try a shorter one.`);
}

/** Validates one provided (non-empty) value. */
export function convertOption(option: OptionSpec, raw: string | number, now: Date): OptionValue {
  const text = String(raw).trim();
  switch (option.kind) {
    case 'string':
      lengthCheck(option.name, text, option.maxLength);
      if (Array.from(text).length < (option.minLength ?? 1))
        throw new OptionError(`${option.name} must be at least ${option.minLength} characters.`);
      return text;
    case 'integer':
      return integer(option, typeof raw === 'number' ? raw : text);
    case 'choice': {
      const match = option.choices.find((c) => c.value === text.toLowerCase());
      if (!match)
        throw new OptionError(
          `${option.name} must be one of ${option.choices.map((c) => c.value).join(', ')}; "${text.slice(0, 40)}" isn't.`,
        );
      return match.value;
    }
    case 'time':
      return withName(option.name, 'full', () => parseTime(text));
    case 'timezone':
      return withName(option.name, 'full', () => parseTimezone(text));
    case 'days':
      return withName(option.name, 'full', () => parseDays(text));
    case 'query':
      lengthCheck(option.name, text, MAX_QUERY_LENGTH);
      return { text, query: withName(option.name, 'usage', () => parseQuery(text, { allowSince: true, maxLength: MAX_QUERY_LENGTH })) };
    case 'topic': {
      lengthCheck(option.name, text, MAX_TOPIC_LENGTH);
      const query = withName(option.name, 'usage', () => parseQuery(text, { allowSince: false, maxLength: MAX_TOPIC_LENGTH }));
      return { text, query, normalized: normalizeQuery(query) };
    }
    case 'since':
      withName(option.name, 'full', () => parseSince(text, now));
      return text;
    case 'paperId': {
      const parsed = parsePaperId(text);
      if (!parsed) {
        throw new OptionError(
          `"${text.slice(0, 60)}" isn't an arXiv id or paper link. Try 2409.12917, arXiv:2409.12917v2, https://arxiv.org/abs/2409.12917 or https://huggingface.co/papers/2409.12917.`,
        );
      }
      return parsed.id;
    }
  }
}

/** Validates every option of an invocation against its spec: unknown, missing, empty and bad values all fail. */
export function validateOptions(spec: CommandSpec, raw: RawOptions, now: Date): OptionMap {
  const known = new Map(spec.options.map((o) => [o.name, o]));
  const unknown = Object.keys(raw).filter((name) => raw[name] !== undefined && !known.has(name));
  if (unknown.length > 0) throw new OptionError(`/papers ${spec.name} has no option ${unknown.map((n) => `${n}:`).join(', ')}.`);
  const out: Record<string, OptionValue | undefined> = {};
  for (const option of spec.options) {
    const value = raw[option.name];
    if (value === undefined) {
      if (option.required) throw new OptionError(`/papers ${spec.name} needs ${option.name} (${lowerFirst(option.description)}).`);
      out[option.name] = 'default' in option ? option.default : undefined;
    } else if (String(value).trim() === '') {
      throw new OptionError(
        `${option.name}: has no value. Write it without a space after the colon, e.g. ${option.name}:${exampleValue(option)}.`,
      );
    } else {
      // Booleans exist on neither side today; one from an adapter fails as the text "true".
      out[option.name] = convertOption(option, typeof value === 'boolean' ? String(value) : value, now);
    }
  }
  return out;
}

function exampleValue(option: OptionSpec): string {
  const examples: Record<OptionSpec['kind'], string> = {
    string: 'text',
    integer: String(option.kind === 'integer' ? option.min : 1),
    choice: option.kind === 'choice' ? (option.choices[0]?.value ?? 'x') : 'x',
    time: '09:00',
    timezone: 'Europe/Berlin',
    days: 'weekdays',
    query: '"diffusion models"',
    topic: '"diffusion models"',
    since: '7d',
    paperId: '2409.12917',
  };
  return examples[option.kind];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}
