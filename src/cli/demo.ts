/**
 * `npm run demo`: the main job on the embedded default, offline. A fresh database (data/demo.db), the
 * clock set to the day after the newest bundled paper, the bundled real papers imported, then the
 * trending papers and a few searches printed for a terminal.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApp } from '../app.ts';
import { toCard } from '../core/card.ts';
import { createFixedClock } from '../core/clock.ts';
import { formatIngestSummary, ingest } from '../core/ingest.ts';
import { loadConfig } from '../config.ts';
import { renderCardList, renderHits } from '../platforms/console/render-cards.ts';
import { readPapersFile } from '../sources/papers-file.ts';
import type { Output } from './output.ts';

/** The bundled real papers (a copy of the shared sample, in the Daily Papers shape). */
export const SAMPLE_FILE = fileURLToPath(new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url));
export const DEMO_DB = 'data/demo.db';
const DEMO_SEARCHES = ['self-correction', 'MCTS', 'agents that improve themselves over time'];

/** Noon UTC on the day after the newest paper's list date, so "recent" means something for this sample. */
export function demoStart(file: string): Date {
  const items = JSON.parse(readFileSync(file, 'utf8')) as Array<{ paper?: { submittedOnDailyAt?: string; publishedAt?: string } }>;
  const newest = Math.max(...items.map((i) => Date.parse(i.paper?.submittedOnDailyAt ?? i.paper?.publishedAt ?? '')).filter((t) => !Number.isNaN(t)));
  const day = new Date(newest);
  day.setUTCHours(12, 0, 0, 0);
  return new Date(day.getTime() + 86_400_000);
}

/** Runs the demo; ignores .env and the platform settings on purpose (no tokens, no network). */
export async function runDemo(env: Record<string, string | undefined>, out: Output): Promise<number> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DEMO_DB}${suffix}`, { force: true });
  const config = loadConfig({ PAPERBOY_OFFLINE: 'true', PAPERBOY_DB: DEMO_DB, PAPERBOY_LOG_LEVEL: env.PAPERBOY_LOG_LEVEL ?? 'warn' });
  const clock = createFixedClock(demoStart(SAMPLE_FILE));
  const app = openApp(config, { clock });
  try {
    const { style } = out;
    out.line(style.bold(`paperboy demo — offline, database ${DEMO_DB}, clock set to ${clock.now().toISOString().slice(0, 16)}Z`));
    const summary = await ingest(
      { store: app.papers, runs: app.runs, clock, log: app.log },
      { source: 'file', label: 'bundled sample papers', fetch: () => readPapersFile(SAMPLE_FILE, app.log) },
    );
    out.line(`${formatIngestSummary(summary)}\n`);

    const all = await app.index.search({ match: null, exclude: null, limit: 10_000 });
    const top = all.sort((a, b) => b.paper.signals.upvotes - a.paper.signals.upvotes || a.paper.id.localeCompare(b.paper.id)).slice(0, 5);
    out.line(renderCardList('Most upvoted papers', top.map((h) => toCard(h.paper)), style));

    for (const text of DEMO_SEARCHES) {
      const result = await app.search.search({ text, limit: 3, offset: 0 });
      out.line(renderHits(`Search: ${text}`, result.hits, style));
    }
    out.line(style.dim('Try it yourself: npx paperboy search "<query>" (set PAPERBOY_DB=data/demo.db to search the demo data).'));
    return 0;
  } finally {
    app.close();
  }
}
