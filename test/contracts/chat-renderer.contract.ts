/**
 * The contract of a chat platform's renderers: every digest and reply, however hostile its papers and text, becomes
 * messages the platform accepts (within its limits) that ping nobody, without losing a paper or the slot marker.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.ts';
import type { Digest } from '../../src/core/digest/model.ts';
import type { Reply } from '../../src/core/reply.ts';
import { hostileDigests, hostileReplies } from './hostile.ts';

/** One platform's renderers, as its adapter calls them. */
export interface ChatRendererSubject {
  readonly channel: ChannelRef;
  /** The messages a posted digest becomes: one, or in thread mode a header message then one per paper. */
  digest(digest: Digest, threadMode: boolean): unknown[];
  /** The messages a command reply becomes, its follow-ups included, with every button it can have. */
  reply(reply: Reply): unknown[];
  /** Why the platform would refuse or misrender one message (a limit broken, a live mention); empty when fine. */
  problems(message: unknown): string[];
}

const MARKER = 'pb-2917hcv7qbm60';
const problemsOf = (subject: ChatRendererSubject, messages: unknown[]) =>
  messages.flatMap((m, i) => subject.problems(m).map((p) => `message ${i}: ${p}`));

/** Runs the renderer contract against `subject`. */
export function describeChatRendererContract(name: string, subject: ChatRendererSubject): void {
  describe(`chat renderer contract: ${name}`, () => {
    const digests = hostileDigests(subject.channel, MARKER);

    it.each(digests.map((digest, i) => [i, digest] as const))(
      'GIVEN hostile digest %i THEN one message within every limit that pings nobody and carries the marker',
      (_i, digest) => {
        const messages = subject.digest(digest, false);
        expect(messages).toHaveLength(1);
        expect(problemsOf(subject, messages)).toEqual([]);
        expect(JSON.stringify(messages[0])).toContain(MARKER);
      },
    );

    it.each(digests.map((digest, i) => [i, digest] as const))(
      'GIVEN hostile digest %i in thread mode THEN a header with the marker and one message per paper, each within the limits',
      (_i, digest) => {
        const messages = subject.digest(digest, true);
        expect(messages).toHaveLength(1 + digest.cards.length);
        expect(problemsOf(subject, messages)).toEqual([]);
        expect(JSON.stringify(messages[0])).toContain(MARKER);
      },
    );

    it('GIVEN ten hostile papers THEN the digest keeps every one of them, each with its arXiv link', () => {
      for (const digest of digests.filter((d) => d.cards.length > 0)) {
        const text = JSON.stringify(subject.digest(digest, false));
        for (const card of digest.cards) expect(text).toContain(card.links.find((link) => link.label === 'arXiv')?.url);
      }
    });

    it('GIVEN hostile replies (results with buttons, a paper, a preview, help, follow-ups) THEN every message is within the limits and pings nobody', () => {
      for (const reply of hostileReplies(subject.channel)) {
        const messages = subject.reply(reply);
        expect(messages).toHaveLength(1 + (reply.followUps?.length ?? 0));
        expect(problemsOf(subject, messages), reply.title ?? reply.text?.slice(0, 40)).toEqual([]);
      }
    });
  });
}
