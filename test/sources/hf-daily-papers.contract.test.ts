/** The Hugging Face Daily Papers source, against the loopback fake HF serving the bundled sample, runs the PaperSource contract. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { createFixedClock } from '../../src/core/clock.ts';
import type { PaperSource } from '../../src/core/ports.ts';
import { createHfDailyPapersSource } from '../../src/sources/hf-daily-papers.ts';
import { createHttpClient } from '../../src/sources/http.ts';
import { describePaperSourceContract } from '../contracts/paper-source.contract.ts';
import { createFakeHf } from '../fakes/fake-hf.ts';
import { createRecordingLogger } from '../helpers/recording-logger.ts';

const sample = JSON.parse(readFileSync(new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url), 'utf8')) as unknown[];
const hf = createFakeHf({ items: sample, today: () => '2025-12-01' });
let source: PaperSource;

beforeAll(async () => {
  const { url } = await hf.start();
  const log = createRecordingLogger();
  const http = createHttpClient({ clock: createFixedClock(new Date('2025-12-01T12:00:00Z')), log, random: () => 0.5 });
  source = createHfDailyPapersSource({ http, baseUrl: url, log });
});
afterAll(() => hf.close());

describePaperSourceContract('Hugging Face Daily Papers', () => ({
  source,
  knownIds: ['2409.12917', '2510.00568v2', 'https://arxiv.org/abs/2510.05169'],
}));
