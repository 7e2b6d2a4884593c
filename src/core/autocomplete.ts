/** Autocomplete for options that declare a provider (unsubscribe's topic, schedule's timezone). */
import type { AutocompleteContext, Choice } from './command.ts';
import { describeError } from './errors.ts';

/** Discord's limits on an autocomplete answer (docs/architecture.md §11). */
const MAX_RESULTS = 25;
const MAX_CHOICE_LENGTH = 100;

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_CHOICE_LENGTH ? text : `${chars.slice(0, MAX_CHOICE_LENGTH - 1).join('')}…`;
}

/**
 * Suggestions for `option` of `subcommand` given what the user typed so far: at most 25, names and values
 * clipped to 100 characters. Never throws: a failing provider is logged and suggests nothing.
 */
export async function autocomplete(subcommand: string, option: string, partial: string, ctx: AutocompleteContext): Promise<Choice[]> {
  const spec = ctx.registry.find((s) => s.name === subcommand);
  const provider = spec?.options.find((o) => o.name === option)?.autocomplete;
  if (!provider) return [];
  try {
    const choices = await provider(partial.slice(0, 200), ctx);
    return choices.slice(0, MAX_RESULTS).map((c) => ({ name: clip(c.name), value: clip(c.value) }));
  } catch (error) {
    ctx.services.log.warn({ subcommand, option, err: describeError(error) }, 'autocomplete failed');
    return [];
  }
}
