/** The SourceRunStore contract: the log of source refreshes behind `/papers status`, health and metrics. */
import { describe, expect, it } from 'vitest';
import { T0, minutesAfter as at, type MakeStores } from './store-set.ts';

/** Runs the SourceRunStore contract against `makeStores`. */
export function describeSourceRunStoreContract(name: string, makeStores: MakeStores): void {
  const setup = async () => (await makeStores()).runs;

  describe(`SourceRunStore contract: ${name}`, () => {
    it('GIVEN no runs THEN latest is empty', async () => {
      expect(await (await setup()).latest()).toEqual([]);
    });

    it('GIVEN a started run THEN it is the latest, running, with no successful or finished run yet', async () => {
      const runs = await setup();
      const id = await runs.start('huggingface', T0);
      expect(await runs.latest()).toEqual([
        {
          source: 'huggingface',
          last: { id, source: 'huggingface', startedAt: T0.toISOString(), finishedAt: null, status: 'running', items: 0, error: null },
          lastOk: null,
          lastFinished: null,
        },
      ]);
    });

    it('GIVEN a success then a failure THEN latest shows the failure and the earlier success, per source, sources sorted', async () => {
      const runs = await setup();
      const ok = await runs.start('huggingface', T0);
      await runs.finish(ok, { at: at(1), status: 'ok', items: 50 });
      const failed = await runs.start('huggingface', at(30));
      await runs.finish(failed, { at: at(31), status: 'failed', items: 0, error: 'HTTP 503' });
      const arxiv = await runs.start('arxiv', at(5));
      await runs.finish(arxiv, { at: at(6), status: 'ok', items: 200 });

      const latest = await runs.latest();
      expect(latest.map((entry) => entry.source)).toEqual(['arxiv', 'huggingface']);
      expect(latest[1]).toEqual({
        source: 'huggingface',
        last: {
          id: failed,
          source: 'huggingface',
          startedAt: at(30).toISOString(),
          finishedAt: at(31).toISOString(),
          status: 'failed',
          items: 0,
          error: 'HTTP 503',
        },
        lastOk: {
          id: ok,
          source: 'huggingface',
          startedAt: T0.toISOString(),
          finishedAt: at(1).toISOString(),
          status: 'ok',
          items: 50,
          error: null,
        },
        lastFinished: expect.objectContaining({ id: failed }),
      });
      expect(latest[0]?.last.id).toBe(arxiv);
      expect(latest[0]?.lastOk?.id).toBe(arxiv);
    });

    it('GIVEN a failure and then a retry still running THEN lastFinished is still the failure', async () => {
      const runs = await setup();
      const failed = await runs.start('huggingface', T0);
      await runs.finish(failed, { at: at(1), status: 'failed', items: 0, error: 'HTTP 500' });
      const retry = await runs.start('huggingface', at(30));
      const [entry] = await runs.latest();
      expect(entry?.last.id).toBe(retry);
      expect(entry?.lastFinished).toMatchObject({ id: failed, status: 'failed' });
    });

    it('GIVEN two runs started in the same millisecond THEN the later-started one is the latest', async () => {
      const runs = await setup();
      await runs.start('arxiv', T0);
      const second = await runs.start('arxiv', T0);
      expect((await runs.latest())[0]?.last.id).toBe(second);
    });

    it('GIVEN an unknown run id THEN finish rejects with not_found', async () => {
      const runs = await setup();
      await expect(runs.finish(42, { at: T0, status: 'ok', items: 1 })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('GIVEN a live lease THEN another holder is refused until it expires or is given back; its holder renews it', async () => {
      const runs = await setup();
      expect(await runs.tryLease('refresh:huggingface', 'pb-a', T0, at(10))).toBe(true);
      expect(await runs.tryLease('refresh:huggingface', 'pb-b', at(1), at(11))).toBe(false);
      // Other names are independent.
      expect(await runs.tryLease('refresh:arxiv', 'pb-b', at(1), at(11))).toBe(true);
      expect(await runs.tryLease('refresh:huggingface', 'pb-a', at(2), at(12))).toBe(true);
      expect(await runs.tryLease('refresh:huggingface', 'pb-b', at(11), at(21))).toBe(false);
      // Expired (its holder died): taken over.
      expect(await runs.tryLease('refresh:huggingface', 'pb-b', at(12), at(22))).toBe(true);
      expect(await runs.tryLease('refresh:huggingface', 'pb-a', at(13), at(23))).toBe(false);
      // Given back by someone else: nothing happens; by its holder: free at once.
      await runs.releaseLease('refresh:huggingface', 'pb-a');
      expect(await runs.tryLease('refresh:huggingface', 'pb-a', at(14), at(24))).toBe(false);
      await runs.releaseLease('refresh:huggingface', 'pb-b');
      expect(await runs.tryLease('refresh:huggingface', 'pb-a', at(14), at(24))).toBe(true);
    });
  });
}
