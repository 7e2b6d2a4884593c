/** The DeliveryStore contract: the exactly-once bookkeeping of digest slots (docs/architecture.md §8), for every store. */
import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.ts';
import type { DeliveryStore, SlotClaim } from '../../src/core/ports.ts';
import { hfItem } from '../helpers/sourced-papers.ts';
import { T0, minutesAfter as at, type MakeStores } from './store-set.ts';

const REF: ChannelRef = { platform: 'console', channelId: 'team' };
const OTHER: ChannelRef = { platform: 'console', channelId: 'other' };
const LEASE = 10 * 60_000;
const claimAt = (minutes: number, dueAt: Date | null = T0) => ({ dueAt, marker: 'pb-abc', at: at(minutes), leaseMs: LEASE });

/** The slot id of a claim that must have been granted. */
function granted(claim: SlotClaim): number {
  if (!claim.claimed) throw new Error(`expected a claim, got ${JSON.stringify(claim)}`);
  return claim.slotId;
}

/** Runs the DeliveryStore contract against `makeStores`. */
export function describeDeliveryStoreContract(name: string, makeStores: MakeStores): void {
  /** Two channels and three papers, as a digest run finds them. */
  async function setup(): Promise<DeliveryStore> {
    const { channels, papers, deliveries } = await makeStores();
    await channels.ensure(REF, { timezone: 'UTC', createdBy: 'U1' }, T0);
    await channels.ensure(OTHER, { timezone: 'UTC', createdBy: 'U1' }, T0);
    await papers.upsertMany(
      ['2501.00001', '2501.00002', '2501.00003'].map((id) => hfItem(id)),
      T0,
    );
    return deliveries;
  }

  describe(`DeliveryStore contract: ${name}`, () => {
    it('GIVEN a new slot THEN the first claim wins (attempt 1) and a second claim within the lease does not', async () => {
      const store = await setup();
      expect(await store.getSlot(REF, '2025-03-03')).toBeNull();
      const first = await store.claim(REF, '2025-03-03', claimAt(0));
      expect(first).toMatchObject({ claimed: true, attempt: 1, previousClaimAt: null, plannedPaperIds: null });
      expect(await store.claim(REF, '2025-03-03', claimAt(5))).toMatchObject({ claimed: false, status: 'claimed', slotId: granted(first) });
      expect(await store.getSlot(REF, '2025-03-03')).toMatchObject({
        status: 'claimed',
        attempts: 1,
        marker: 'pb-abc',
        dueAt: T0.toISOString(),
        papers: 0,
      });
    });

    it('GIVEN a claim older than the lease (a crashed attempt) THEN it is re-claimed with the earlier claim time and planned papers', async () => {
      const store = await setup();
      const slotId = granted(await store.claim(REF, 's', claimAt(0)));
      await store.plan(slotId, ['2501.00002', '2501.00001'], at(1));
      const again = await store.claim(REF, 's', claimAt(11));
      expect(again).toEqual({ claimed: true, slotId, attempt: 2, previousClaimAt: at(0), plannedPaperIds: ['2501.00002', '2501.00001'] });
    });

    it('GIVEN a posted slot THEN it is never claimed again and its papers count as shown to that channel only', async () => {
      const store = await setup();
      const slotId = granted(await store.claim(REF, 's', claimAt(0)));
      await store.recordPosted(slotId, { messageId: 'm1', paperIds: ['2501.00002', '2501.00001'], at: at(1) });
      expect(await store.claim(REF, 's', claimAt(60))).toMatchObject({ claimed: false, status: 'posted' });
      expect(await store.shownAmong(REF, ['2501.00001', '2501.00002', '2501.00003'])).toEqual(new Set(['2501.00001', '2501.00002']));
      expect(await store.shownAmong(OTHER, ['2501.00001'])).toEqual(new Set());
      expect(await store.shownAmong({ platform: 'x', channelId: 'y' }, ['2501.00001'])).toEqual(new Set());
      expect(await store.getSlot(REF, 's')).toMatchObject({
        status: 'posted',
        platformMessageId: 'm1',
        postedAt: at(1).toISOString(),
        papers: 2,
      });
    });

    it('GIVEN a failed slot THEN it keeps the error and the next claim retries it at once', async () => {
      const store = await setup();
      const slotId = granted(await store.claim(REF, 's', claimAt(0)));
      await store.recordFailed(slotId, 'HTTP 503', at(1));
      expect(await store.getSlot(REF, 's')).toMatchObject({ status: 'failed', lastError: 'HTTP 503' });
      expect(await store.claim(REF, 's', claimAt(2))).toMatchObject({ claimed: true, attempt: 2, previousClaimAt: at(0) });
    });

    it('GIVEN a skipped slot THEN it is done: not claimable, nothing delivered, and a late failure does not undo it', async () => {
      const store = await setup();
      const slotId = granted(await store.claim(REF, 's', claimAt(0)));
      await store.recordSkipped(slotId, at(1), 'nothing new');
      await store.recordFailed(slotId, 'late', at(2));
      expect(await store.getSlot(REF, 's')).toMatchObject({ status: 'skipped', lastError: 'nothing new', papers: 0 });
      expect(await store.claim(REF, 's', claimAt(60))).toMatchObject({ claimed: false, status: 'skipped' });
    });

    it('GIVEN a paper already delivered by another slot WHEN a second slot records it THEN it stays with the first and the rest are recorded', async () => {
      const store = await setup();
      const manual = granted(await store.claim(REF, 'manual-1', claimAt(0, null)));
      const scheduled = granted(await store.claim(REF, '2025-03-04', claimAt(0)));
      await store.recordPosted(manual, { messageId: 'm1', paperIds: ['2501.00001'], at: at(1) });
      await store.recordPosted(scheduled, { messageId: 'm2', paperIds: ['2501.00001', '2501.00003', '2599.99999'], at: at(2) });
      expect(await store.getSlot(REF, 'manual-1')).toMatchObject({ papers: 1 });
      expect(await store.getSlot(REF, '2025-03-04')).toMatchObject({ status: 'posted', papers: 1 });
      expect(await store.shownAmong(REF, ['2501.00001', '2501.00002', '2501.00003'])).toEqual(new Set(['2501.00001', '2501.00003']));
    });

    it('GIVEN posted scheduled and manual slots THEN previousScheduledSlot is the newest posted scheduled one due before the instant', async () => {
      const store = await setup();
      const post = async (key: string, due: Date | null, status: 'posted' | 'failed' = 'posted') => {
        const slotId = granted(await store.claim(REF, key, { dueAt: due, marker: 'm', at: due ?? at(0), leaseMs: LEASE }));
        if (status === 'posted') await store.recordPosted(slotId, { messageId: key, paperIds: [], at: due ?? at(0) });
        else await store.recordFailed(slotId, 'x', at(0));
      };
      await post('2025-03-01', at(-2 * 24 * 60));
      await post('2025-03-02', at(-24 * 60), 'failed');
      await post('manual-x', null);
      await post('2025-03-03', T0);
      expect(await store.previousScheduledSlot(REF, T0)).toEqual({ slotKey: '2025-03-01', dueAt: at(-2 * 24 * 60) });
      expect(await store.previousScheduledSlot(REF, at(1))).toEqual({ slotKey: '2025-03-03', dueAt: T0 });
      expect(await store.previousScheduledSlot(OTHER, at(1))).toBeNull();
      expect(await store.lastDelivery(REF)).toMatchObject({ slotKey: '2025-03-03', status: 'posted' });
      expect(await store.lastDelivery(OTHER)).toBeNull();
    });

    it('GIVEN an unknown channel THEN claim throws not_found', async () => {
      const store = await setup();
      await expect(store.claim({ platform: 'x', channelId: 'y' }, 's', claimAt(0))).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
