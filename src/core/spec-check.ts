/** Checks a registry against Discord's registration limits and our own conventions; used by tests and deploy. */
import { parseArgumentText } from './argument-text.ts';
import { MAX_CHOICES, MAX_DESCRIPTION, NAME_PATTERN, type CommandSpec, type OptionSpec } from './command.ts';

/** Discord counts names, descriptions and choice values of a whole command: 8000 now, 4000 in its older docs. */
export const MAX_COMMAND_CHARS = 4000;

function optionProblems(spec: CommandSpec, option: OptionSpec): string[] {
  const where = `${spec.name} ${option.name}`;
  const problems: string[] = [];
  if (!NAME_PATTERN.test(option.name)) problems.push(`${where}: bad option name`);
  if (option.description.length < 1 || option.description.length > MAX_DESCRIPTION)
    problems.push(`${where}: description must be 1–${MAX_DESCRIPTION} characters`);
  if (option.kind === 'choice') {
    if (option.choices.length > MAX_CHOICES) problems.push(`${where}: more than ${MAX_CHOICES} choices`);
    if (option.autocomplete) problems.push(`${where}: autocomplete and choices exclude each other`);
    for (const c of option.choices) {
      if (c.value.length > 100 || c.value !== c.value.toLowerCase())
        problems.push(`${where}: choice ${c.value} must be lowercase, ≤ 100 characters`);
      if (c.description.length > MAX_DESCRIPTION) problems.push(`${where}: choice ${c.value} description too long`);
    }
    if (option.default !== undefined && !option.choices.some((c) => c.value === option.default))
      problems.push(`${where}: default is not a choice`);
  }
  if (option.kind === 'integer') {
    if (option.min > option.max) problems.push(`${where}: min above max`);
    if (option.default !== undefined && (option.default < option.min || option.default > option.max))
      problems.push(`${where}: default out of range`);
  }
  return problems;
}

function commandChars(spec: CommandSpec): number {
  return spec.options.reduce(
    (sum, o) =>
      sum +
      o.name.length +
      o.description.length +
      (o.kind === 'choice' ? o.choices.reduce((n, c) => n + c.value.length * 2 + c.description.length + 3, 0) : 0),
    spec.name.length + spec.description.length,
  );
}

/** Every problem of a registry, empty when it can be registered and parsed as documented. */
export function specProblems(registry: readonly CommandSpec[]): string[] {
  const problems: string[] = [];
  if (registry.length > MAX_CHOICES) problems.push(`more than ${MAX_CHOICES} subcommands`);
  const names = registry.map((s) => s.name);
  if (new Set(names).size !== names.length) problems.push('duplicate subcommand names');
  for (const spec of registry) {
    if (!NAME_PATTERN.test(spec.name)) problems.push(`${spec.name}: bad subcommand name`);
    if (spec.description.length < 1 || spec.description.length > MAX_DESCRIPTION)
      problems.push(`${spec.name}: description must be 1–${MAX_DESCRIPTION} characters`);
    if (spec.options.length > MAX_CHOICES) problems.push(`${spec.name}: more than ${MAX_CHOICES} options`);
    if (new Set(spec.options.map((o) => o.name)).size !== spec.options.length) problems.push(`${spec.name}: duplicate option names`);
    const firstOptional = spec.options.findIndex((o) => !o.required);
    if (firstOptional >= 0 && spec.options.slice(firstOptional).some((o) => o.required))
      problems.push(`${spec.name}: required options must come first`);
    problems.push(...spec.options.flatMap((o) => optionProblems(spec, o)));
    for (const example of spec.examples) {
      const parsed = parseArgumentText(example, registry);
      if (!parsed.ok || parsed.subcommand !== spec.name) problems.push(`${spec.name}: example ${JSON.stringify(example)} does not parse`);
    }
  }
  const total = registry.reduce((sum, spec) => sum + commandChars(spec), 'papers'.length + 60);
  if (total > MAX_COMMAND_CHARS)
    problems.push(`the command's names, descriptions and choices total ${total} characters (> ${MAX_COMMAND_CHARS})`);
  return problems;
}
