/**
 * The `/papers` registration JSON, generated from the command registry (docs/architecture.md §6): one subcommand per
 * spec with option types, limits, choices and autocomplete flags. `default_member_permissions` stays unset: it would
 * gate the whole command, search included; managers are checked per subcommand at run time.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec, OptionSpec } from '../../core/command.ts';
import { optionShape } from '../../core/option-validators.ts';
import { COMMAND_NAME } from './interactions.ts';
import { clip, LIMITS } from './limits.ts';

/** The top-level command's description (≤ 100 characters). */
export const COMMAND_DESCRIPTION = 'Trending research papers: search, follow topics, get a daily digest';

function optionJson(option: OptionSpec): APIApplicationCommandBasicOption {
  const shape = optionShape(option);
  const base = { name: option.name, description: clip(option.description, LIMITS.description), required: option.required ?? false };
  if (shape.type === 'integer') {
    return { ...base, type: ApplicationCommandOptionType.Integer, min_value: shape.minValue, max_value: shape.maxValue };
  }
  if (shape.choices) {
    // The picker shows the name: "now — post it to the channel now".
    const choices = shape.choices.map((c) => ({ name: clip(`${c.value} — ${c.description}`, LIMITS.choiceName), value: c.value }));
    return { ...base, type: ApplicationCommandOptionType.String, choices };
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(shape.minLength === undefined ? {} : { min_length: shape.minLength }),
    ...(shape.maxLength === undefined ? {} : { max_length: shape.maxLength }),
    ...(option.autocomplete ? { autocomplete: true } : {}),
  };
}

function subcommandJson(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    description: clip(spec.description, LIMITS.description),
    options: spec.options.map(optionJson),
  };
}

/** The `/papers` command; `guild` scope leaves out `contexts`/`integration_types`, which guild commands do not take. */
export function papersCommandJson(
  registry: readonly CommandSpec[],
  scope: 'global' | 'guild',
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND_NAME,
    description: COMMAND_DESCRIPTION,
    options: registry.map(subcommandJson),
    // Channels and their digests live in servers: offer the command there only.
    ...(scope === 'global'
      ? { contexts: [InteractionContextType.Guild], integration_types: [ApplicationIntegrationType.GuildInstall] }
      : {}),
  };
}
