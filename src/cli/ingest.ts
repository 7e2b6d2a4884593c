/** `paperboy ingest [--date YYYY-MM-DD | --week YYYY-Www | --month YYYY-MM | --from-file items.json]`. */
import { basename } from 'node:path';
import type { App } from '../app.ts';
import { utcDate } from '../core/clock.ts';
import { formatIngestSummary, ingest, type IngestJob } from '../core/ingest.ts';
import type { ListingRequest } from '../core/ports.ts';
import { readPapersFile } from '../sources/papers-file.ts';
import { parseCommandArgs } from './args.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const INGEST_USAGE = 'paperboy ingest [--date YYYY-MM-DD | --week YYYY-Www | --month YYYY-MM | --from-file items.json]';

/** Turns the flags into one ingest job; exactly one of the flags, or none for today's (UTC) list. */
export function ingestJob(app: App, argv: string[]): IngestJob {
  const { values, positionals } = parseCommandArgs(
    argv,
    { date: { type: 'string' }, week: { type: 'string' }, month: { type: 'string' }, 'from-file': { type: 'string' } },
    INGEST_USAGE,
  );
  const given = Object.keys(values);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}\nusage: ${INGEST_USAGE}`);
  if (given.length > 1)
    throw new UsageError(
      `use one of --date, --week, --month, --from-file (got ${given.map((g) => `--${g}`).join(' and ')})\nusage: ${INGEST_USAGE}`,
    );

  const file = values['from-file'];
  if (file !== undefined) {
    return { source: 'file', label: basename(file), fetch: () => readPapersFile(file, app.log) };
  }
  const request: ListingRequest =
    values.date !== undefined
      ? { kind: 'day', date: checked(values.date, /^\d{4}-\d{2}-\d{2}$/, '--date', 'YYYY-MM-DD') }
      : values.week !== undefined
        ? { kind: 'week', week: checked(values.week, /^\d{4}-W\d{2}$/, '--week', 'YYYY-Www, e.g. 2025-W44') }
        : values.month !== undefined
          ? { kind: 'month', month: checked(values.month, /^\d{4}-\d{2}$/, '--month', 'YYYY-MM') }
          : { kind: 'day', date: utcDate(app.clock.now()) };
  const source = app.sources.hfDaily;
  if (!source) throw new UsageError('PAPERBOY_OFFLINE is set, so remote sources are off; unset it, or use --from-file');
  const label =
    request.kind === 'day'
      ? `Hugging Face daily list ${request.date}`
      : request.kind === 'week'
        ? `Hugging Face week ${request.week}`
        : request.kind === 'month'
          ? `Hugging Face month ${request.month}`
          : 'Hugging Face trending';
  return { source: source.name, label, fetch: (options) => source.list(request, options) };
}

function checked(value: string, pattern: RegExp, flag: string, shape: string): string {
  if (!pattern.test(value)) throw new UsageError(`${flag} ${JSON.stringify(value)} is not ${shape}\nusage: ${INGEST_USAGE}`);
  return value;
}

/** Runs `paperboy ingest`: a progress line on long runs, then the summary. */
export async function runIngest(app: App, argv: string[], out: Output): Promise<number> {
  const job = ingestJob(app, argv);
  const progress = out.progress();
  const summary = await ingest({ store: app.papers, runs: app.runs, clock: app.clock, log: app.log }, job, (n) =>
    progress.update(`${job.label}: ${n} papers read…`),
  ).finally(() => progress.done());
  if (summary.fetched === 0 && summary.skipped.length === 0) {
    out.line(`${job.label}: nothing to ingest`);
    return 0;
  }
  out.line(formatIngestSummary(summary));
  // A batch job finishes what the search index lacks (switched back on, an older database), so searches after it
  // are fast; the bot does the same in the background when it starts.
  const indexed = await app.catchUpSearchIndex();
  if (indexed > 0) out.note(`search index: ${indexed} papers indexed`);
  return 0;
}
