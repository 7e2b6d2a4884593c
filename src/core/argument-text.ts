/**
 * Argument text → subcommand + raw options (docs/architecture.md §6), for Slack's command text and
 * `paperboy cmd`. Pure; never throws.
 *
 * Choices made here: Slack channel mentions `<#C123|name>` become `#name` (`#C123` without a label:
 * commands act on the current channel, so the readable form is what a query wants); user mentions
 * `<@U123>` become `@U123`; `<!here>` becomes `@here`. A repeated option is an error, not "last wins",
 * because a silently dropped `since:` is worse than a question. Option names match case-insensitively,
 * with `-` read as `_` (`min-upvotes:` = `min_upvotes:`).
 */
import type { CommandSpec } from './command.ts';

/** The parse: a subcommand and its raw string options, or why there is none (and whose help to show). */
export type ArgumentTextResult =
  | { ok: true; subcommand: string; options: Record<string, string> }
  | { ok: false; reason: 'empty' | 'unknown-subcommand'; subcommand: null; message: string | null }
  | { ok: false; reason: 'invalid'; subcommand: string; message: string };

const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02]/g;
const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;

function decodeAngle(whole: string, inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? null : inner.slice(bar + 1);
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('@')) return target;
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0] ?? '';
    return ['here', 'channel', 'everyone'].includes(special) ? `@${special}` : (label ?? '');
  }
  // An auto-linked e-mail address reads as the address the user typed.
  if (/^mailto:/i.test(target)) return label ?? target.slice('mailto:'.length);
  // Links: `<https://x|label>` → `https://x`; anything else in angle brackets is not a Slack escape.
  return /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : whole;
}

/** Decodes Slack's escaping of command text: links, mentions, `&lt;` `&gt;` `&amp;` (in that order). */
export function decodeSlackText(text: string): string {
  return text
    .replace(/<([^<>\s][^<>]*)>/g, decodeAngle)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Slack escapes decoded, curly quotes straightened, the optional leading `/papers` removed. */
export function normalizeArgumentText(text: string): string {
  return decodeSlackText(text)
    .replace(CURLY_DOUBLE, '"')
    .replace(CURLY_SINGLE, "'")
    .replace(/^\s*\/papers(?=\s|$)/i, '')
    .trim();
}

const OPTION_TOKEN = /([\p{L}_][-\p{L}\p{N}_]*):/uy;
const SPACE = /\s/;

function optionKey(name: string): string {
  return name.toLowerCase().replace(/-/g, '_');
}

/** The end of a free word starting at `i`: a quote opened inside it runs to its closing quote. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !SPACE.test(text.charAt(j))) {
    if (text.charAt(j) === '"') {
      const close = text.indexOf('"', j + 1);
      j = close < 0 ? text.length : close + 1;
    } else j++;
  }
  return j;
}

/** A value after `name:`: a double-quoted run (quotes removed; unclosed runs to the end) or one word. */
function readValue(text: string, j: number): { value: string; end: number } {
  if (text.charAt(j) === '"') {
    const close = text.indexOf('"', j + 1);
    return close < 0 ? { value: text.slice(j + 1), end: text.length } : { value: text.slice(j + 1, close), end: close + 1 };
  }
  let end = j;
  while (end < text.length && !SPACE.test(text.charAt(end))) end++;
  return { value: text.slice(j, end), end };
}

/** Splits what follows the subcommand into named options and the free text (the first option's value). */
function splitOptions(rest: string, spec: CommandSpec): { named: Map<string, string>; free: string } | { error: string } {
  const names = new Set(spec.options.map((o) => o.name));
  const named = new Map<string, string>();
  let free = '';
  let i = 0;
  while (i < rest.length) {
    if (SPACE.test(rest.charAt(i))) {
      free += rest.charAt(i++);
      continue;
    }
    OPTION_TOKEN.lastIndex = i;
    const m = OPTION_TOKEN.exec(rest);
    const name = m?.[1] === undefined ? null : optionKey(m[1]);
    if (m && name !== null && names.has(name)) {
      const { value, end } = readValue(rest, i + m[0].length);
      if (named.has(name))
        return { error: `${name}: is given twice ("${shorten(named.get(name) ?? '')}" and "${shorten(value)}"); keep one.` };
      named.set(name, value);
      // Collapse only the whitespace left where the option was: one space between the surrounding words.
      free = free.trimEnd();
      i = end;
      while (i < rest.length && SPACE.test(rest.charAt(i))) i++;
      if (free !== '' && i < rest.length) free += ' ';
      continue;
    }
    const end = wordEnd(rest, i);
    free += rest.slice(i, end);
    i = end;
  }
  return { named, free: free.trim() };
}

/** Parses argument text against the registry's specs (see the module comment for the rules). */
export function parseArgumentText(text: string, specs: readonly CommandSpec[]): ArgumentTextResult {
  const normalized = normalizeArgumentText(text);
  if (normalized === '') return { ok: false, reason: 'empty', subcommand: null, message: null };
  const word = /^\S+/.exec(normalized)?.[0] ?? '';
  const spec = specs.find((s) => s.name === word.toLowerCase());
  if (!spec) {
    return { ok: false, reason: 'unknown-subcommand', subcommand: null, message: `There is no /papers ${shorten(word)}.` };
  }
  const split = splitOptions(normalized.slice(word.length), spec);
  if ('error' in split) return { ok: false, reason: 'invalid', subcommand: spec.name, message: split.error };
  const options = Object.fromEntries(split.named);
  const positional = spec.options[0]?.name;
  if (positional !== undefined && split.free !== '') {
    if (options[positional]) {
      return {
        ok: false,
        reason: 'invalid',
        subcommand: spec.name,
        message: `Give ${positional} either as plain text or as ${positional}:…, not both.`,
      };
    }
    options[positional] = split.free;
  } else if (split.free !== '') {
    return {
      ok: false,
      reason: 'invalid',
      subcommand: spec.name,
      message: `/papers ${spec.name} takes no text; I didn't understand "${shorten(split.free)}".`,
    };
  }
  return { ok: true, subcommand: spec.name, options };
}

function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : text;
}
