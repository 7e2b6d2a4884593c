import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { sourceFooter, sourceHealth } from '../../src/core/source-health.ts';
import { createSqliteSourceRunStore, openDatabase } from '../../src/store/index.ts';

const T0 = new Date('2025-03-05T07:30:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);

function runs() {
  return createSqliteSourceRunStore(openDatabase(':memory:', { log: silentLogger, clock: createFixedClock(T0) }));
}

describe('source health', () => {
  it('GIVEN Hugging Face failing and a retry still running THEN the footer and status still say so', async () => {
    const store = runs();
    const failed = await store.start('huggingface', T0);
    await store.finish(failed, { at: T0, status: 'failed', items: 0, error: 'HTTP 500' });
    await store.start('huggingface', min(30));
    expect(await sourceFooter(store, min(31), { arxivListings: false })).toEqual([
      'Hugging Face unreachable since 07:30 UTC; showing stored papers',
    ]);
    expect((await sourceHealth(store))[0]).toMatchObject({ name: 'Hugging Face', lastError: { message: 'HTTP 500' } });
  });

  it('GIVEN a success after the failure THEN no stale note; a weekend adds the arXiv line when listings are pulled', async () => {
    const store = runs();
    const failed = await store.start('huggingface', T0);
    await store.finish(failed, { at: T0, status: 'failed', items: 0, error: 'HTTP 500' });
    const ok = await store.start('huggingface', min(30));
    await store.finish(ok, { at: min(31), status: 'ok', items: 10 });
    expect(await sourceFooter(store, min(32), { arxivListings: true })).toEqual([]);
    expect(await sourceFooter(store, new Date('2025-03-08T09:00:00Z'), { arxivListings: true })).toEqual([
      'arXiv has no announcements on weekends',
    ]);
  });
});
