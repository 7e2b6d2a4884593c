/** `/papers unsubscribe`: remove a topic (matched by its normalized form), publicly. */
import type { Topic } from '../src/core/channel.ts';
import { defineCommand, type AutocompleteProvider, type CommandContext } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { MAX_TOPIC_LENGTH, normalizeQuery, parseQuery } from '../src/core/query/index.ts';
import { code, privateReply } from '../src/core/reply.ts';

function topicList(topics: readonly Topic[]): string {
  return topics.map((t) => `• ${code(t.raw)}`).join('\n');
}

/** The normalized form of typed text, or null when it does not parse (a clipped autocomplete value may not). */
function normalizedOrNull(text: string): string | null {
  try {
    return normalizeQuery(parseQuery(text, { allowSince: false, maxLength: MAX_TOPIC_LENGTH }));
  } catch {
    return null;
  }
}

/**
 * Finds the channel's topic the user meant: same normalized form, else the same raw text, else — for an
 * autocomplete value clipped to Discord's 100 characters with `…` — the one topic it is a prefix of.
 */
async function findTopic(ctx: CommandContext, text: string): Promise<Topic> {
  const topics = await ctx.services.channels.topics(ctx.invocation.channel);
  const normalized = normalizedOrNull(text);
  const lower = text.trim().toLowerCase();
  const prefix = lower.endsWith('…') ? lower.slice(0, -1) : null;
  const clipped = prefix === null ? [] : topics.filter((t) => t.raw.toLowerCase().startsWith(prefix));
  const match =
    topics.find((t) => t.normalized === normalized) ??
    topics.find((t) => t.raw.toLowerCase() === lower || t.normalized === lower) ??
    (clipped.length === 1 ? clipped[0] : undefined);
  if (match) return match;
  if (topics.length === 0) throw new UserError(`This channel follows no topics, so there is nothing to remove.`, 'not_found');
  throw new UserError(`This channel doesn't follow ${code(text)}. Its topics:\n${topicList(topics)}`, 'not_found');
}

/** Discord autocomplete: the channel's topics containing what was typed, prefix matches first. */
export const suggestTopics: AutocompleteProvider = async (partial, ctx) => {
  const needle = partial.trim().toLowerCase();
  const topics = await ctx.services.channels.topics(ctx.channel);
  const hits = topics.filter((t) => t.raw.toLowerCase().includes(needle));
  const ranked = [
    ...hits.filter((t) => t.raw.toLowerCase().startsWith(needle)),
    ...hits.filter((t) => !t.raw.toLowerCase().startsWith(needle)),
  ];
  return ranked.map((t) => ({ name: t.raw, value: t.raw }));
};

/** The unsubscribe subcommand; without a topic it lists the channel's topics (privately, to anyone). */
export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: "Remove a topic from this channel's digest",
  options: [
    {
      kind: 'string',
      name: 'topic',
      description: 'The topic to stop following, as /papers topics lists it',
      maxLength: MAX_TOPIC_LENGTH,
      autocomplete: suggestTopics,
    },
  ],
  who: (options) => (options.topic === undefined ? 'anyone' : 'manager'),
  managerAction: "change this channel's subscriptions",
  visibility: (options) => (options.topic === undefined ? 'private' : 'public'),
  whoHelp: 'channel managers (anyone may list the topics by leaving the topic out)',
  examples: ['unsubscribe "diffusion models"', 'unsubscribe author:"Yann LeCun"'],
  precheck: async (ctx) => {
    if (ctx.options.topic !== undefined) await findTopic(ctx, ctx.options.topic);
  },
  async handler(ctx) {
    const ref = ctx.invocation.channel;
    if (ctx.options.topic === undefined) {
      const topics = await ctx.services.channels.topics(ref);
      const text = topics.length === 0 ? 'This channel follows no topics.' : `Which topic? This channel follows:\n${topicList(topics)}`;
      return privateReply(`${text}\n\nRemove one with ${code('/papers unsubscribe <topic>')}.`);
    }
    const topic = await findTopic(ctx, ctx.options.topic);
    if (!(await ctx.services.channels.removeTopic(ref, topic.normalized))) {
      throw new UserError(`${code(topic.raw)} was already removed.`, 'not_found');
    }
    const left = (await ctx.services.channels.topics(ref)).length;
    const after =
      left === 0 ? 'No topics left: the digest will show overall trending papers.' : `${left === 1 ? '1 topic' : `${left} topics`} left.`;
    return { visibility: 'public', outcome: 'ok', text: `This channel no longer follows ${code(topic.raw)}. ${after}` };
  },
});
