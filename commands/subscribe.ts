/** `/papers subscribe`: add a topic to the channel (public), with a private preview of what it matched lately. */
import { MAX_TOPICS_PER_CHANNEL } from '../src/core/channel.ts';
import { defineCommand, type CommandContext, type TopicValue } from '../src/core/command.ts';
import { UserError, describeError } from '../src/core/errors.ts';
import { QUERY_GRAMMAR } from '../src/core/query/index.ts';
import { code, privateReply, type Reply } from '../src/core/reply.ts';
import { describeSchedule } from '../src/core/schedule/values.ts';
import { ensureChannel, postingNotes } from './shared.ts';

/** The preview looks this far back and shows this many papers. */
const PREVIEW_SINCE = '7d';
const PREVIEW_LIMIT = 5;

/** Refuses a duplicate or a 26th topic; run before the adapter defers, and again inside the handler. */
async function checkRoom(ctx: CommandContext, topic: TopicValue): Promise<number> {
  const topics = await ctx.services.channels.topics(ctx.invocation.channel);
  if (topics.some((t) => t.normalized === topic.normalized)) {
    throw new UserError(`This channel already follows ${code(topic.text)}. See them all with ${code('/papers topics')}.`, 'bad_input');
  }
  if (topics.length >= MAX_TOPICS_PER_CHANNEL) {
    throw new UserError(
      `This channel already has ${MAX_TOPICS_PER_CHANNEL} topics, the most it can have. Remove one with ${code('/papers unsubscribe')} first, or combine some with OR.`,
      'bad_input',
    );
  }
  return topics.length;
}

/** What the topic matched in the last week; a failure here must not undo or hide the subscription. */
async function preview(ctx: CommandContext, topic: TopicValue): Promise<Reply> {
  try {
    const result = await ctx.services.search.search({ text: topic.text, since: PREVIEW_SINCE, limit: PREVIEW_LIMIT, offset: 0 });
    const n = result.hits.length;
    const count = n === 0 ? 'No papers' : result.hasMore ? `More than ${n} papers` : n === 1 ? '1 paper' : `${n} papers`;
    const tail = n === 0 ? '. New ones will show up in the digest.' : result.hasMore ? `; the top ${n}:` : ':';
    const text = `${count} matched ${code(topic.text)} in the last 7 days${tail}`;
    return privateReply(text, 'ok', { title: 'Preview (only you can see this)', hits: result.hits, notes: result.notes });
  } catch (error) {
    ctx.log.warn({ err: describeError(error) }, 'subscribe preview failed');
    return privateReply("The topic is saved, but I couldn't load a preview of what it matches right now.");
  }
}

/** The subscribe subcommand. */
export const subscribe = defineCommand({
  name: 'subscribe',
  description: "Add a topic to this channel's digest",
  options: [
    { kind: 'topic', name: 'topic', description: 'What to follow: words, "phrase", -word, a OR b, author:, cat:, org:', required: true },
  ],
  who: 'manager',
  managerAction: "change this channel's subscriptions",
  visibility: 'public',
  examples: ['subscribe "diffusion models"', 'subscribe author:"Yann LeCun"', 'subscribe cat:cs.CL retrieval OR RAG -survey'],
  details: `\`\`\`\n${QUERY_GRAMMAR.replace(/\n.*since:.*$/m, '')}\n\`\`\``,
  precheck: async (ctx) => {
    await checkRoom(ctx, ctx.options.topic);
  },
  async handler(ctx) {
    const { topic } = ctx.options;
    const { channels } = ctx.services;
    const ref = ctx.invocation.channel;
    const isNew = (await channels.get(ref)) === null;
    const settings = await ensureChannel(ctx);
    const before = await checkRoom(ctx, topic);
    const added = await channels.addTopic(ref, { normalized: topic.normalized, raw: topic.text }, ctx.invocation.user.id, ctx.now);
    if (added === 'exists') throw new UserError(`This channel already follows ${code(topic.text)}.`, 'bad_input');
    const count = before + 1;
    const lines = [`This channel now follows ${code(topic.text)} (${count === 1 ? '1 topic' : `${count} topics`}).`];
    if (isNew) lines.push(`${describeSchedule(settings)}. Change it with ${code('/papers schedule')}.`);
    return {
      visibility: 'public',
      outcome: 'ok',
      text: lines.join('\n'),
      notes: postingNotes(ctx),
      followUps: [await preview(ctx, topic)],
    };
  },
});
