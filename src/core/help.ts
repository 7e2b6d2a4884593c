/** Help generated from the command specs: the general list and each subcommand's usage, options and examples. */
import type { CommandSpec, OptionSpec } from './command.ts';
import { optionShape } from './option-validators.ts';
import { code, type Outcome, type Reply } from './reply.ts';

const PLACEHOLDER: Record<OptionSpec['kind'], string> = {
  string: 'text',
  integer: 'number',
  choice: 'choice',
  time: 'HH:MM',
  timezone: 'Area/City',
  days: 'days',
  query: 'query',
  topic: 'topic',
  since: '7d|2w|date',
  paperId: 'id or URL',
};

function placeholder(option: OptionSpec): string {
  if (option.placeholder) return option.placeholder;
  if (option.kind === 'choice') return option.choices.map((c) => c.value).join('|');
  if (option.kind === 'integer') return `${option.min}–${option.max}`;
  return PLACEHOLDER[option.kind];
}

/** `/papers search <query> [since:<7d|2w|date>] [limit:<1–10>]`: the first option is positional. */
export function usageLine(spec: CommandSpec): string {
  const parts = spec.options.map((option, index) => {
    const value = `<${placeholder(option)}>`;
    const written = index === 0 ? value : `${option.name}:${value}`;
    return option.required ? written : `[${written}]`;
  });
  return ['/papers', spec.name, ...parts].join(' ');
}

/** The limits sentence of an option's help line. */
function limits(option: OptionSpec): string {
  const shape = optionShape(option);
  switch (option.kind) {
    case 'integer':
      return `${option.min}–${option.max}${option.default === undefined ? '' : `, default ${option.default}`}.`;
    case 'choice':
      return `${option.choices.map((c) => `${c.value} (${c.description})`).join(', ')}${option.default ? `; default ${option.default}` : ''}.`;
    case 'time':
    case 'timezone':
    case 'days':
    case 'since':
      // Their descriptions carry the format: Discord shows only the description, so it must.
      return '';
    case 'paperId':
      return 'e.g. 2409.12917, arXiv:2409.12917v2 or an arXiv / Hugging Face URL.';
    default:
      return `Up to ${shape.maxLength} characters.`;
  }
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function whoLine(spec: CommandSpec, managerText: string): string {
  if (spec.whoHelp) return `Who: ${spec.whoHelp}.`;
  return `Who: ${spec.who === 'manager' ? managerText : 'anyone'}.`;
}

/**
 * The help of one subcommand as reply text. `brief` (after a usage error) leaves out the description and
 * the details paragraph, which the error message and `/papers help` cover.
 */
export function commandHelp(spec: CommandSpec, managerText = 'channel managers', brief = false): string {
  const lines = brief ? [`**Usage:** ${code(usageLine(spec))}`] : [spec.description, '', `**Usage:** ${code(usageLine(spec))}`];
  if (spec.options.length > 0) {
    lines.push('', '**Options**');
    for (const option of spec.options) {
      lines.push(
        `• ${code(option.name)}${option.required ? ' (required)' : ''} — ${`${sentence(option.description)} ${limits(option)}`.trim()}`,
      );
    }
  }
  if (spec.examples.length > 0) lines.push('', '**Examples**', ...spec.examples.map((e) => `• ${code(`/papers ${e}`)}`));
  if (spec.details && !brief) lines.push('', spec.details);
  lines.push('', whoLine(spec, managerText));
  return lines.join('\n');
}

/** The list of every subcommand, one line each, in registry order. */
export function generalHelp(registry: readonly CommandSpec[]): string {
  return [
    '**Commands**',
    ...registry.map((spec) => `• ${code(usageLine(spec).split(' [')[0] ?? spec.name)} — ${spec.description}`),
    '',
    `Type ${code('/papers help <subcommand>')} for options and examples.`,
  ].join('\n');
}

/** A private help reply: one subcommand's when named and known, else the general list (with `lead` first). */
export function helpReply(
  registry: readonly CommandSpec[],
  subcommand: string | null,
  outcome: Outcome,
  lead?: string,
  managerText?: string,
): Reply {
  const spec = subcommand === null ? undefined : registry.find((s) => s.name === subcommand);
  const body = spec ? commandHelp(spec, managerText) : generalHelp(registry);
  return {
    visibility: 'private',
    outcome,
    title: spec ? `/papers ${spec.name}` : '/papers — trending research papers for this channel',
    text: lead ? `${lead}\n\n${body}` : body,
  };
}
