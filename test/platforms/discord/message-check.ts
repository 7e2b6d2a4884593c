/**
 * Checks a Discord message body the way Discord would refuse it (400 Invalid Form Body, the fake's rules) or show
 * it: nothing in the markdown Discord renders (content, embed titles, descriptions, fields; footers and author names
 * are plain text) may show as a mention outside code (`@everyone`, `@here`, `<@id>`, `<@&id>`, `<#id>` unescaped),
 * and a body that was sent must carry the empty mention policy.
 */
import { messageProblems } from '../../fakes/fake-discord-payloads.ts';

interface Body {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  nonce?: unknown;
  allowed_mentions?: unknown;
}

const LIVE_MENTION = /@(everyone|here)\b|(?<!\\)<(@[!&]?\d+|#\d+)>/;
// Code blocks and code spans (opened by a backtick that is not escaped) show their text as it is.
const CODE = /(?<!\\)```[\s\S]*?```|(?<!\\)`[^`\n]+`/g;

/** Every text Discord renders as markdown in a message, code removed: content, embed titles, descriptions, fields. */
function texts(body: Body): string[] {
  const embeds = (Array.isArray(body.embeds) ? body.embeds : []) as Array<Record<string, unknown>>;
  const out = typeof body.content === 'string' ? [body.content] : [];
  for (const embed of embeds) {
    const fields = (Array.isArray(embed.fields) ? embed.fields : []) as Array<{ name?: unknown; value?: unknown }>;
    for (const text of [embed.title, embed.description, ...fields.flatMap((f) => [f.name, f.value])]) {
      if (typeof text === 'string') out.push(text);
    }
  }
  return out.map((text) => text.replace(CODE, '`…`'));
}

/** Every problem with a message body; empty when Discord would take it and show it as meant. */
export function discordMessageProblems(body: Body, options: { sent?: boolean } = {}): string[] {
  const problems = messageProblems(body);
  for (const text of texts(body)) {
    const live = LIVE_MENTION.exec(text);
    if (live)
      problems.push(
        `renders a mention ${JSON.stringify(live[0])} in ${JSON.stringify(text.slice(Math.max(0, live.index - 40), live.index + 40))}`,
      );
  }
  if (options.sent && JSON.stringify(body.allowed_mentions) !== JSON.stringify({ parse: [] })) {
    problems.push(`sent with allowed_mentions ${JSON.stringify(body.allowed_mentions)}, not { parse: [] }`);
  }
  return problems;
}
