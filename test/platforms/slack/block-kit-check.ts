/**
 * Checks a Slack message the way Slack would refuse it or misread it: every Block Kit limit of docs/architecture.md
 * §12, a fallback `text`, and nothing that pings (`<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`, bare `@here`) or
 * an `&`/`<`/`>` left unescaped outside Slack's own `<url|label>` and `<#C…>` syntax.
 */

interface Text {
  type?: string;
  text?: string;
}
interface Element {
  type?: string;
  /** A string in context elements, a text object on buttons. */
  text?: unknown;
  image_url?: string;
  alt_text?: string;
  action_id?: string;
  value?: string;
}
interface Block {
  type: string;
  text?: Text;
  elements?: Element[];
  accessory?: Element;
}

/** A message as posted or responded: `text` plus `blocks`. */
export interface MessageLike {
  text?: unknown;
  blocks?: unknown;
}

const PING = /<[!@]|(?<![\w\u2060])@(channel|here|everyone)\b/i;
/** Slack syntax we emit on purpose: links, channel mentions; everything else in angle brackets is suspect. */
const OWN_SYNTAX = /<(https?:\/\/[^\s<>|]+)\|[^<>]*>|<#[A-Z0-9]+>/g;

function mrkdwnProblems(where: string, text: string): string[] {
  const problems: string[] = [];
  if (PING.test(text)) problems.push(`${where}: pings someone: ${JSON.stringify(text.slice(0, 120))}`);
  const rest = text.replace(OWN_SYNTAX, '');
  if (/[<>]/.test(rest)) problems.push(`${where}: unescaped < or >: ${JSON.stringify(rest.slice(0, 120))}`);
  if (/&(?!amp;|lt;|gt;)/.test(rest)) problems.push(`${where}: unescaped &`);
  return problems;
}

/** Every problem with a message; empty when Slack would take it as meant. `maxBlocks` is 100 for Home views. */
export function blockKitProblems(message: MessageLike, maxBlocks = 50): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push('no fallback text');
  else problems.push(...mrkdwnProblems('fallback text', message.text));
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as Block[];
  if (blocks.length === 0) problems.push('no blocks');
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks (max ${maxBlocks})`);
  let chars = 0;
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    const text = block.text?.text ?? '';
    chars += text.length;
    if (block.type === 'header') {
      if (block.text?.type !== 'plain_text') problems.push(`${at}: header text must be plain_text`);
      if (text.length > 150 || text.length === 0) problems.push(`${at}: header text length ${text.length}`);
    }
    if (block.type === 'section') {
      if (text.length > 3000 || text.trim().length === 0) problems.push(`${at}: section text length ${text.length}`);
      if (block.text?.type === 'mrkdwn') problems.push(...mrkdwnProblems(at, text));
      const image = block.accessory;
      if (
        image &&
        (image.type !== 'image' ||
          !/^https?:\/\//.test(image.image_url ?? '') ||
          (image.image_url ?? '').length > 3000 ||
          (image.alt_text ?? '').length > 2000)
      ) {
        problems.push(`${at}: bad image accessory`);
      }
    }
    if (block.type === 'context') {
      const elements = block.elements ?? [];
      if (elements.length === 0 || elements.length > 10) problems.push(`${at}: ${elements.length} context elements`);
      for (const e of elements) {
        const t = typeof e.text === 'string' ? e.text : '';
        chars += t.length;
        if (t.length > 3000) problems.push(`${at}: context element too long`);
        if (e.type === 'mrkdwn') problems.push(...mrkdwnProblems(at, t));
      }
    }
    if (block.type === 'actions') {
      const elements = block.elements ?? [];
      if (elements.length === 0 || elements.length > 25) problems.push(`${at}: ${elements.length} actions`);
      for (const e of elements) {
        if (((e.text as Text | undefined)?.text ?? '').length > 75) problems.push(`${at}: button text over 75`);
        if ((e.value ?? '').length > 2000 || (e.action_id ?? '').length > 255) problems.push(`${at}: button value or action_id too long`);
      }
    }
  });
  if (chars > 12_000) problems.push(`${chars} characters of block text (Slack refuses around 13.2k)`);
  return problems;
}
