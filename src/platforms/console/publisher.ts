/** A Publisher that prints digests to the terminal: the demo, `paperboy digest` dry runs and the console channel. */
import { channelKey, type ChannelRef } from '../../core/channel.ts';
import type { Digest } from '../../core/digest/model.ts';
import type { Publisher } from '../../core/ports.ts';
import { renderCardList } from './render-cards.ts';
import type { Style } from './terminal-style.ts';

/** What the console publisher printed in this process, so `findByMarker` can answer like a platform would. */
interface Printed {
  channel: string;
  marker: string;
  messageId: string;
  at: number;
}

/** Renders a digest as terminal text: header, cards (or the empty line), footer, marker. */
export function renderDigest(digest: Digest, style: Style): string {
  const text = renderCardList(digest.header, digest.cards, style, digest.emptyText ?? 'Nothing new.');
  const footer = [...digest.footer, digest.marker].map((line) => `   ${style.dim(line)}`).join('\n');
  return `${text}\n${footer}\n`;
}

/** Creates the console publisher; `write` receives each digest's text, `now` stamps posts (default: the system clock). */
export function createConsolePublisher(write: (text: string) => void, style: Style, now: () => Date = () => new Date()): Publisher {
  const printed: Printed[] = [];
  return {
    platform: 'console',

    async publish(channel, digest) {
      const messageId = `console-${printed.length + 1}`;
      write(renderDigest(digest, style));
      printed.push({ channel: channelKey(channel), marker: digest.marker, messageId, at: now().getTime() });
      return { messageId };
    },

    async findByMarker(channel: ChannelRef, marker: string, since: Date) {
      const key = channelKey(channel);
      const hit = printed.find((p) => p.channel === key && p.marker === marker && p.at >= since.getTime());
      return hit ? { messageId: hit.messageId } : null;
    },
  };
}
