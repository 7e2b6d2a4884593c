/** How the sources are doing, for `/papers status` and for digest footers ("… showing stored papers"). */
import type { ChannelRef } from './channel.ts';
import type { SourceHealth, StatusReport } from './command-services.ts';
import type { ChannelStore, DeliveryStore, SourceRunStore } from './ports.ts';
import { describeSchedule } from './schedule/values.ts';

const SOURCE_LABELS: Record<string, string> = { huggingface: 'Hugging Face', arxiv: 'arXiv', file: 'file imports' };

/** The display name of a source. */
export function sourceLabel(name: string): string {
  return SOURCE_LABELS[name] ?? name;
}

/** Each source's last success and, when its newest run failed, that failure. */
export async function sourceHealth(runs: SourceRunStore): Promise<SourceHealth[]> {
  return (await runs.latest()).map(({ source, lastOk, lastFinished }) => ({
    name: sourceLabel(source),
    lastOk: lastOk?.finishedAt ?? null,
    lastError:
      lastFinished?.status === 'failed'
        ? { at: lastFinished.finishedAt ?? lastFinished.startedAt, message: lastFinished.error ?? 'failed' }
        : null,
  }));
}

function hhmmUtc(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/**
 * Digest footer lines: a source whose newest run failed ("Hugging Face unreachable since 09:10 UTC; showing
 * stored papers"), and arXiv's weekend pause when arXiv listings are pulled.
 */
export async function sourceFooter(runs: SourceRunStore, at: Date, options: { arxivListings: boolean }): Promise<string[]> {
  const lines: string[] = [];
  // The newest finished run, not the newest run: a retry still running must not hide an outage.
  for (const { source, lastFinished } of await runs.latest()) {
    if (source === 'file' || lastFinished?.status !== 'failed') continue;
    lines.push(
      `${sourceLabel(source)} unreachable since ${hhmmUtc(lastFinished.finishedAt ?? lastFinished.startedAt)}; showing stored papers`,
    );
  }
  const day = at.getUTCDay();
  if (options.arxivListings && (day === 0 || day === 6)) lines.push('arXiv has no announcements on weekends');
  return lines;
}

/** Everything `/papers status` shows; `nextDigest` comes from the scheduler when there is one. */
export async function channelStatus(
  deps: {
    runs: SourceRunStore;
    channels: ChannelStore;
    deliveries: Pick<DeliveryStore, 'lastDelivery'>;
    defaults: { timezone: string };
    nextDigest?: (ref: ChannelRef) => Promise<string | null>;
    /** The scheduler's health, when it runs in this process (`npm start`; not `paperboy cmd`). */
    scheduler?: () => { lastTickAt: string | null; healthy: boolean };
  },
  ref: ChannelRef,
): Promise<StatusReport> {
  const settings = await deps.channels.get(ref);
  const last = settings ? await deps.deliveries.lastDelivery(ref) : null;
  return {
    sources: await sourceHealth(deps.runs),
    timezone: settings?.timezone ?? deps.defaults.timezone,
    nextDigest: settings && !settings.paused && deps.nextDigest ? await deps.nextDigest(ref) : null,
    lastDelivery: last?.postedAt ? { slotKey: last.slotKey, postedAt: last.postedAt } : null,
    paused: settings?.paused ?? false,
    pauseReason: settings?.pauseReason ?? null,
    topics: settings ? (await deps.channels.topics(ref)).length : 0,
    schedule: settings ? describeSchedule(settings) : null,
    scheduler: deps.scheduler ? deps.scheduler() : null,
  };
}
