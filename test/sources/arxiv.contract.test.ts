/** The arXiv source, against the loopback fake arXiv serving the recorded fixtures, runs the PaperSource contract. */
import { afterAll, beforeAll } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import type { PaperSource } from '../../src/core/ports.ts';
import { createArxivHttp, createArxivSource } from '../../src/sources/arxiv.ts';
import { describePaperSourceContract } from '../contracts/paper-source.contract.ts';
import { startFakeArxiv, type FakeArxiv } from '../fakes/fake-arxiv.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

let fake: FakeArxiv;
let source: PaperSource;

beforeAll(async () => {
  fake = await startFakeArxiv();
  // A fixed clock: the 3 s spacing between arXiv calls passes at once.
  const clock = createFixedClock(new Date('2026-09-24T06:00:00Z'));
  const log = createRecordingLogger();
  source = createArxivSource({ http: createArxivHttp({ clock, log }), apiUrl: fake.apiUrl, rssUrl: fake.rssUrl, log, clock });
});
afterAll(() => fake?.close());

describePaperSourceContract('arXiv', () => ({ source, knownIds: ['2510.14968v1', 'https://arxiv.org/abs/2409.12917', 'hep-th/9711200'] }));
