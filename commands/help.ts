/** `/papers help`: the general list, or one subcommand's usage, options and examples, generated from the specs. */
import { defineCommand, type CommandSpec } from '../src/core/command.ts';
import { helpReply } from '../src/core/help.ts';

/** The help subcommand, offering the given specs (and itself) as choices. */
export function createHelpCommand(documented: readonly CommandSpec[]): CommandSpec {
  const choices = [
    ...documented.map((spec) => ({ value: spec.name, description: spec.description })),
    { value: 'help', description: 'How to use /papers' },
  ];
  return defineCommand({
    name: 'help',
    description: 'How to use /papers, or one subcommand in detail',
    options: [{ kind: 'choice', name: 'subcommand', description: 'The subcommand to explain', choices }],
    who: 'anyone',
    visibility: 'private',
    examples: ['help', 'help search', 'help schedule'],
    async handler(ctx) {
      return helpReply(ctx.registry, ctx.options.subcommand ?? null, 'help', undefined, ctx.invocation.managerRule);
    },
  });
}
