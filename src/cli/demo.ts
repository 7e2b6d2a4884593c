/**
 * `npm run demo`: the main job on the embedded default, offline. A fresh database (data/demo.db), the
 * clock set to the day after the newest bundled paper, the bundled real papers imported, two demo
 * channels set up through the real `/papers` dispatcher, their digests posted to the terminal, then
 * trending and a few searches.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../app.ts';
import { createFixedClock } from '../core/clock.ts';
import { dispatchText } from '../core/dispatch.ts';
import { formatIngestSummary, ingest } from '../core/ingest.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import { createConsolePublisher } from '../platforms/console/publisher.ts';
import { renderReply } from '../platforms/console/render-reply.ts';
import { parseHfItems } from '../sources/hf-parse.ts';
import { registry } from '../../commands/index.ts';
import type { Output } from './output.ts';

/** The bundled real papers (a copy of the shared sample, in the Daily Papers shape). */
export const SAMPLE_FILE = fileURLToPath(new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url));
export const DEMO_DB = 'data/demo.db';
const DAY_MS = 86_400_000;

/** Two channels with different interests, set up the way a channel manager would. */
const DEMO_CHANNELS = [
  {
    id: 'reasoning-lab',
    commands: [
      'subscribe self-correction',
      'subscribe MCTS OR "tree search"',
      'schedule time:09:00 timezone:Europe/Berlin days:daily size:4',
    ],
  },
  {
    id: 'agents-team',
    commands: ['subscribe agents -survey', 'subscribe multi-agent', 'schedule time:08:30 timezone:America/New_York days:weekdays size:3'],
  },
];
const DEMO_SEARCHES = ['search self-correction limit:3', 'search MCTS limit:3', 'search agents that improve themselves over time limit:3'];

type SampleItem = { paper?: { submittedOnDailyAt?: string; publishedAt?: string } };

function listDate(item: SampleItem): number {
  return Date.parse(item.paper?.submittedOnDailyAt ?? item.paper?.publishedAt ?? '');
}

/** Noon UTC on the day after the newest paper's list date. */
export function demoStart(items: SampleItem[]): Date {
  const newest = new Date(Math.max(...items.map(listDate).filter((t) => !Number.isNaN(t))));
  newest.setUTCHours(12, 0, 0, 0);
  return new Date(newest.getTime() + DAY_MS);
}

/**
 * The sample spans three years, but a digest looks back at most a week: the demo's copy spreads the papers'
 * Hugging Face list dates over the seven days before the clock, oldest first. Titles, abstracts, authors,
 * upvotes and arXiv dates stay as they are.
 */
export function spreadOverWeek(items: SampleItem[], start: Date): SampleItem[] {
  const order = items.map((item, i) => ({ item, i, at: listDate(item) })).sort((a, b) => a.at - b.at || a.i - b.i);
  const today = Math.floor(start.getTime() / DAY_MS) * DAY_MS;
  return order.map(({ item }, rank) => {
    const day = new Date(today - (7 - Math.floor((rank * 7) / order.length)) * DAY_MS).toISOString();
    return { ...item, paper: { ...item.paper, submittedOnDailyAt: day } };
  });
}

async function run(app: App, out: Output, channel: string, text: string): Promise<void> {
  out.line(out.style.dim(`$ /papers ${text}`));
  const reply = await dispatchText(
    text,
    {
      channel: { platform: 'console', channelId: channel },
      workspaceId: 'demo',
      user: { id: 'demo-manager', isManager: true },
      managerRule: 'channel managers',
    },
    app.services,
    registry,
  );
  out.line(`${renderReply(reply, out.style)}\n`);
}

/**
 * Runs the demo; ignores .env, the platform settings and DATABASE_URL on purpose (no tokens, no network, and always
 * its own SQLite file: the demo deletes and refills its database, which must never be a real install's).
 */
export async function runDemo(
  env: Record<string, string | undefined>,
  out: Output,
  logFor?: (config: Readonly<Config>) => Logger,
): Promise<number> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${DEMO_DB}${suffix}`, { force: true });
  const config = loadConfig({ PAPERBOY_OFFLINE: 'true', PAPERBOY_DB: DEMO_DB, PAPERBOY_LOG_LEVEL: env.PAPERBOY_LOG_LEVEL ?? 'warn' });
  const raw = JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')) as SampleItem[];
  const clock = createFixedClock(demoStart(raw));
  const app = await openApp(config, {
    clock,
    ...(logFor ? { log: logFor(config) } : {}),
    publishers: new Map([['console', createConsolePublisher(out.line, out.style, () => clock.now())]]),
  });
  try {
    const { style } = out;
    out.line(style.bold(`paperboy demo — offline, database ${DEMO_DB}, clock set to ${clock.now().toISOString().slice(0, 16)}Z`));
    out.line(
      style.dim(
        'The bundled papers are real; their Hugging Face list dates are spread over the past week so digests have something to show.\n',
      ),
    );
    const summary = await ingest(
      { store: app.papers, runs: app.runs, clock, log: app.log },
      {
        source: 'file',
        label: 'bundled sample papers',
        fetch: async () => parseHfItems(spreadOverWeek(raw, clock.now()), app.log, 'demo sample'),
      },
    );
    out.line(`${formatIngestSummary(summary)}\n`);

    for (const channel of DEMO_CHANNELS) {
      out.line(style.bold(style.cyan(`━━━━ #${channel.id} ━━━━`)));
      for (const text of [...channel.commands, 'digest mode:now']) await run(app, out, channel.id, text);
    }
    out.line(style.bold(style.cyan('━━━━ anyone, anywhere ━━━━')));
    for (const text of ['trending period:week', ...DEMO_SEARCHES]) await run(app, out, 'reasoning-lab', text);
    out.line(
      style.dim(
        `Try more: PAPERBOY_DB=${DEMO_DB} PAPERBOY_OFFLINE=true npx paperboy cmd --channel console:lab --user you --manager 'help'`,
      ),
    );
    return 0;
  } finally {
    await app.close();
  }
}
