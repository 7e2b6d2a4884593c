/** The ChannelStore contract: channel settings and topics as src/core/ports.ts promises them, for every store. */
import { describe, expect, it } from 'vitest';
import type { ChannelRef } from '../../src/core/channel.ts';
import { defaultChannelSettings } from '../../src/core/digest/service.ts';
import { PaperboyError } from '../../src/core/errors.ts';
import { hfItem } from '../helpers/sourced-papers.ts';
import { T0, minutesAfter, type MakeStores } from './store-set.ts';

const REF: ChannelRef = { platform: 'discord', channelId: '1200000000000000001' };
const OTHER: ChannelRef = { platform: 'slack', channelId: 'C0123' };
const INIT = { timezone: 'Europe/Berlin', createdBy: 'U1', workspaceId: 'G1' };

/** Runs the ChannelStore contract against `makeStores`. */
export function describeChannelStoreContract(name: string, makeStores: MakeStores): void {
  const setup = async () => (await makeStores()).channels;

  describe(`ChannelStore contract: ${name}`, () => {
    it('GIVEN an unknown channel THEN get returns null and list is empty', async () => {
      const store = await setup();
      expect(await store.get(REF)).toBeNull();
      expect(await store.list()).toEqual([]);
    });

    it('GIVEN a first ensure THEN the channel starts with the defaults the core previews an unset channel with', async () => {
      const store = await setup();
      const created = await store.ensure(REF, INIT, T0);
      expect(created).toEqual({
        ...defaultChannelSettings(REF, 'Europe/Berlin'),
        workspaceId: 'G1',
        createdBy: 'U1',
        createdAt: T0.toISOString(),
      });
      expect(await store.get(REF)).toEqual(created);
    });

    it('GIVEN an existing channel WHEN ensured again THEN keeps its settings and creator, only learning a missing workspace', async () => {
      const store = await setup();
      await store.ensure(REF, { timezone: 'UTC', createdBy: 'U1' }, T0);
      await store.update(REF, { size: 3 });
      const again = await store.ensure(REF, { timezone: 'Asia/Kolkata', createdBy: 'U2', workspaceId: 'G9' }, minutesAfter(1));
      expect(again).toMatchObject({ timezone: 'UTC', size: 3, createdBy: 'U1', workspaceId: 'G9', createdAt: T0.toISOString() });
    });

    it('GIVEN a patch THEN changes only the given settings and keeps days in Monday-first order without repeats', async () => {
      const store = await setup();
      await store.ensure(REF, INIT, T0);
      const updated = await store.update(REF, {
        days: ['fri', 'mon', 'wed', 'mon'],
        digestTime: '07:30',
        size: 10,
        minUpvotes: 5,
        empty: 'skip',
        threadMode: true,
      });
      expect(updated).toMatchObject({
        days: ['mon', 'wed', 'fri'],
        digestTime: '07:30',
        size: 10,
        minUpvotes: 5,
        empty: 'skip',
        threadMode: true,
        timezone: 'Europe/Berlin',
      });
      expect(await store.update(REF, {})).toEqual(updated);
      expect(await store.get(REF)).toEqual(updated);
    });

    it('GIVEN a value outside the settings’ ranges (size 11, time 25:00) THEN update throws a store error and changes nothing', async () => {
      const store = await setup();
      await store.ensure(REF, INIT, T0);
      await expect(store.update(REF, { size: 11 })).rejects.toMatchObject({ code: 'store' });
      await expect(store.update(REF, { digestTime: '25:00' })).rejects.toBeInstanceOf(PaperboyError);
      expect(await store.get(REF)).toMatchObject({ size: 5, digestTime: '09:00' });
    });

    it('GIVEN an unknown channel THEN update, setPaused and addTopic throw not_found and removeTopic says false', async () => {
      const store = await setup();
      await expect(store.update(REF, { size: 3 })).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.setPaused(REF, true, 'x')).rejects.toMatchObject({ code: 'not_found' });
      await expect(store.addTopic(REF, { normalized: 'a', raw: 'a' }, 'U1', T0)).rejects.toMatchObject({ code: 'not_found' });
      expect(await store.removeTopic(REF, 'a')).toBe(false);
    });

    it('GIVEN pause with a reason THEN it shows; resume clears the reason', async () => {
      const store = await setup();
      await store.ensure(REF, INIT, T0);
      await store.setPaused(REF, true, 'Missing Send Messages permission');
      expect(await store.get(REF)).toMatchObject({ paused: true, pauseReason: 'Missing Send Messages permission' });
      await store.setPaused(REF, false, 'ignored');
      expect(await store.get(REF)).toMatchObject({ paused: false, pauseReason: null });
    });

    it('GIVEN topics THEN adds each normalized form once, lists them oldest first, removes by normalized form, per channel', async () => {
      const store = await setup();
      await store.ensure(REF, INIT, T0);
      await store.ensure(OTHER, INIT, T0);
      expect(await store.addTopic(REF, { normalized: 'diffusion', raw: 'Diffusion' }, 'U1', T0)).toBe('added');
      expect(await store.addTopic(REF, { normalized: 'diffusion', raw: 'DIFFUSION' }, 'U2', T0)).toBe('exists');
      expect(
        await store.addTopic(REF, { normalized: 'author:"yann lecun"', raw: 'author:"Yann LeCun"' }, 'U2', new Date(T0.getTime() + 1)),
      ).toBe('added');
      expect(await store.addTopic(OTHER, { normalized: 'diffusion', raw: 'diffusion' }, 'U3', T0)).toBe('added');
      expect(await store.topics(REF)).toEqual([
        { normalized: 'diffusion', raw: 'Diffusion', createdBy: 'U1', createdAt: T0.toISOString() },
        {
          normalized: 'author:"yann lecun"',
          raw: 'author:"Yann LeCun"',
          createdBy: 'U2',
          createdAt: new Date(T0.getTime() + 1).toISOString(),
        },
      ]);
      expect(await store.removeTopic(REF, 'diffusion')).toBe(true);
      expect(await store.removeTopic(REF, 'diffusion')).toBe(false);
      expect((await store.topics(REF)).map((t) => t.normalized)).toEqual(['author:"yann lecun"']);
      expect((await store.topics(OTHER)).map((t) => t.normalized)).toEqual(['diffusion']);
    });

    it('GIVEN channels on two platforms and workspaces THEN list filters by platform and workspace, oldest first', async () => {
      const store = await setup();
      await store.ensure(REF, INIT, T0);
      await store.ensure({ platform: 'discord', channelId: '2' }, { ...INIT, workspaceId: 'G2' }, T0);
      await store.ensure(OTHER, { ...INIT, workspaceId: 'T1' }, T0);
      expect((await store.list()).map((c) => c.channelId)).toEqual([REF.channelId, '2', 'C0123']);
      expect((await store.list({ platform: 'discord' })).map((c) => c.channelId)).toEqual([REF.channelId, '2']);
      expect((await store.list({ platform: 'discord', workspaceId: 'G2' })).map((c) => c.channelId)).toEqual(['2']);
    });

    it('GIVEN a channel with topics and a posted digest WHEN removed THEN it is forgotten with them, and other channels stay', async () => {
      const { channels, deliveries, papers } = await makeStores();
      await papers.upsertMany([hfItem('2501.00001')], T0);
      for (const ref of [REF, OTHER]) {
        await channels.ensure(ref, INIT, T0);
        await channels.addTopic(ref, { normalized: 'a', raw: 'a' }, 'U1', T0);
        const slot = await deliveries.claim(ref, '2025-03-03', { dueAt: T0, marker: 'pb-x', at: T0, leaseMs: 60_000 });
        if (!slot.claimed) throw new Error('expected a claim');
        await deliveries.recordPosted(slot.slotId, { messageId: 'm1', paperIds: ['2501.00001'], at: T0 });
      }

      await channels.remove(REF);
      expect(await channels.get(REF)).toBeNull();
      expect(await channels.topics(REF)).toEqual([]);
      expect(await deliveries.getSlot(REF, '2025-03-03')).toBeNull();
      // Set up again, the channel starts afresh: no topics, no slot, nothing shown yet.
      await channels.ensure(REF, INIT, minutesAfter(1));
      expect(await channels.topics(REF)).toEqual([]);
      expect(await deliveries.shownAmong(REF, ['2501.00001'])).toEqual(new Set());
      expect(await deliveries.claim(REF, '2025-03-03', { dueAt: T0, marker: 'pb-y', at: minutesAfter(1), leaseMs: 60_000 })).toMatchObject({
        claimed: true,
        attempt: 1,
      });
      expect(await channels.topics(OTHER)).toHaveLength(1);
      expect(await deliveries.shownAmong(OTHER, ['2501.00001'])).toEqual(new Set(['2501.00001']));
      await channels.remove({ platform: 'discord', channelId: 'never-set-up' });
    });

    it('GIVEN a workspace removed (bot kicked, app uninstalled) THEN every channel of it goes and the count is returned', async () => {
      const store = await setup();
      await store.ensure(REF, INIT, T0);
      await store.ensure({ platform: 'discord', channelId: '2' }, INIT, T0);
      await store.ensure({ platform: 'discord', channelId: '3' }, { ...INIT, workspaceId: 'G2' }, T0);
      await store.ensure({ platform: 'slack', channelId: 'C1' }, INIT, T0);
      await store.addTopic(REF, { normalized: 'a', raw: 'a' }, 'U1', T0);
      expect(await store.removeWorkspace('discord', 'G1')).toBe(2);
      expect((await store.list()).map((c) => `${c.platform}:${c.channelId}`)).toEqual(['discord:3', 'slack:C1']);
      expect(await store.topics(REF)).toEqual([]);
      expect(await store.removeWorkspace('discord', 'G1')).toBe(0);
    });
  });
}
