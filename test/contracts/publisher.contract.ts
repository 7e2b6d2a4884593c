/**
 * The Publisher and ChatPlatform contract: a posted digest gets a message id, `findByMarker` finds exactly that post
 * by its slot marker (and nothing for another marker, another channel or a later `since`), thread mode included, and
 * a digest of hostile papers reaches the platform within its limits, pinging nobody.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelRef, ChannelSettings } from '../../src/core/channel.ts';
import type { Digest } from '../../src/core/digest/model.ts';
import type { ChatPlatform, Publisher } from '../../src/core/ports.ts';
import { makeDigest } from '../fakes/fake-services.ts';
import { hostileDigests } from './hostile.ts';

/** One platform's publisher and what a test needs around it. */
export interface PublisherSubject {
  readonly publisher: Publisher;
  /** A new channel the bot may post in, with the default settings and `settings`. */
  newChannel(settings?: Partial<ChannelSettings>): Promise<ChannelSettings> | ChannelSettings;
  /** Every message body the platform received for `channel` so far (platforms with limits only). */
  sent?(channel: ChannelRef): unknown[];
  /** Why the platform would refuse or misrender one received body; empty when it is fine. */
  problems?(message: unknown): string[];
}

let markers = 0;
/** A marker no other post in the run carries (≤ 25 characters, like the core's). */
const newMarker = () => `pb-contract-${++markers}-${Date.now().toString(36)}`.slice(0, 25);
const digestFor = (channel: ChannelRef, marker: string, cards = 3): Digest => ({ ...makeDigest(channel, cards), slotKey: marker, marker });
const aMinuteAgo = () => new Date(Date.now() - 60_000);

/** Runs the Publisher contract; `subject` is read inside each test (after the runner's beforeAll has set it up). */
export function describePublisherContract(name: string, subject: () => PublisherSubject, options: { limits: boolean }): void {
  describe(`Publisher contract: ${name}`, () => {
    it('GIVEN a digest THEN publish returns a message id and findByMarker finds that post by its marker', async () => {
      const { publisher, newChannel } = subject();
      const channel = await newChannel();
      expect(publisher.platform).toBe(channel.platform);
      const marker = newMarker();
      const { messageId } = await publisher.publish(channel, digestFor(channel, marker));
      expect(messageId).toMatch(/\S/);
      expect(await publisher.findByMarker(channel, marker, aMinuteAgo())).toEqual({ messageId });
    });

    it('GIVEN a marker never posted, or a since after the post THEN findByMarker answers null', async () => {
      const { publisher, newChannel } = subject();
      const channel = await newChannel();
      const marker = newMarker();
      await publisher.publish(channel, digestFor(channel, marker));
      expect(await publisher.findByMarker(channel, newMarker(), aMinuteAgo())).toBeNull();
      expect(await publisher.findByMarker(channel, marker, new Date(Date.now() + 60_000))).toBeNull();
    });

    it('GIVEN a marker posted in another channel THEN findByMarker in this channel answers null', async () => {
      const { publisher, newChannel } = subject();
      const [here, there] = [await newChannel(), await newChannel()];
      const marker = newMarker();
      await publisher.publish(there, digestFor(there, marker));
      await publisher.publish(here, digestFor(here, newMarker()));
      expect(await publisher.findByMarker(here, marker, aMinuteAgo())).toBeNull();
    });

    it('GIVEN two digests in one channel THEN each marker finds its own post', async () => {
      const { publisher, newChannel } = subject();
      const channel = await newChannel();
      const [first, second] = [newMarker(), newMarker()];
      const a = await publisher.publish(channel, digestFor(channel, first));
      const b = await publisher.publish(channel, digestFor(channel, second, 0));
      expect(a.messageId).not.toBe(b.messageId);
      expect(await publisher.findByMarker(channel, first, aMinuteAgo())).toEqual(a);
      expect(await publisher.findByMarker(channel, second, aMinuteAgo())).toEqual(b);
    });

    it('GIVEN thread mode THEN findByMarker finds the message id publish returned', async () => {
      const { publisher, newChannel } = subject();
      const channel = await newChannel({ threadMode: true });
      const marker = newMarker();
      const { messageId } = await publisher.publish(channel, digestFor(channel, marker, 4));
      expect(await publisher.findByMarker(channel, marker, aMinuteAgo())).toEqual({ messageId });
    });

    // Only platforms with message limits get this test (the console has none): declared, not skipped.
    if (options.limits) {
      it('GIVEN digests of hostile papers THEN everything the platform received is within its limits and pings nobody', async () => {
        const { publisher, newChannel, sent, problems } = subject();
        const channel = await newChannel();
        const digests = hostileDigests(channel, newMarker());
        for (const digest of digests) await publisher.publish(channel, { ...digest, marker: newMarker() });
        const received = sent?.(channel) ?? [];
        expect(received).toHaveLength(digests.length);
        expect(received.flatMap((body, i) => (problems?.(body) ?? ['no problems() to check with']).map((p) => `post ${i}: ${p}`))).toEqual(
          [],
        );
      });
    }
  });
}

/** Runs the Publisher contract on a started ChatPlatform, then stops it: `stop()` resolves, and again harmlessly. */
export function describeChatPlatformContract(
  name: string,
  subject: () => PublisherSubject & { publisher: ChatPlatform },
  options: { limits: boolean },
): void {
  describePublisherContract(name, subject, options);
  describe(`ChatPlatform contract: ${name}`, () => {
    it('GIVEN the started platform THEN stop() resolves, and a second stop() does too', async () => {
      const { publisher } = subject();
      await publisher.stop();
      await publisher.stop();
    });
  });
}
