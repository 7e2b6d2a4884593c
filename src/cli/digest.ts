/**
 * `paperboy digest --channel <platform>:<channel-id> [--at <ISO instant>] [--dry-run]` (docs/architecture.md §14): as
 * if the clock read `--at` (default now), runs that channel's due slot through the scheduler's own path — claim →
 * post → record, reconciling by marker first when an earlier attempt left it claimed. `--dry-run` builds and prints,
 * claiming nothing. Posting uses the platform's credentials from the environment; `console` prints.
 */
import { openApp, type App } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import type { ChannelSettings } from '../core/channel.ts';
import type { ScheduledOutcome } from '../core/digest/fanout.ts';
import { PaperboyError, describeError } from '../core/errors.ts';
import type { ChatPlatform } from '../core/ports.ts';
import { createShiftedClock } from '../core/shifted-clock.ts';
import { createPlatforms } from '../create-platforms.ts';
import { createConsolePublisher, renderDigest } from '../platforms/console/publisher.ts';
import { parseCommandArgs } from './args.ts';
import { parseChannelRef } from './cmd.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const DIGEST_USAGE = 'paperboy digest --channel <platform>:<channel-id> [--at <ISO instant>] [--dry-run]';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseAt(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const at = new Date(text);
  if (!ISO_INSTANT.test(text) || Number.isNaN(at.getTime())) {
    throw new UsageError(
      `--at ${JSON.stringify(text)} is not an ISO instant with a zone, e.g. 2025-03-04T09:05:00Z\nusage: ${DIGEST_USAGE}`,
    );
  }
  return at;
}

function outcomeLine(channel: string, slotKey: string, outcome: ScheduledOutcome): { line: string; code: number } {
  switch (outcome.status) {
    case 'posted':
      return outcome.reconciled
        ? {
            line: `slot ${slotKey} of ${channel} was already on the platform (message ${outcome.messageId}); recorded it, posted nothing new`,
            code: 0,
          }
        : { line: `posted slot ${slotKey} to ${channel} (message ${outcome.messageId})`, code: 0 };
    case 'skipped':
      return { line: `nothing new for slot ${slotKey} of ${channel}; skipped it (the channel posts nothing when empty)`, code: 0 };
    case 'not-claimed':
      return {
        line: `slot ${slotKey} of ${channel} is ${outcome.slotStatus === 'claimed' ? 'being posted by another process right now' : `already ${outcome.slotStatus}`}; nothing to do`,
        code: 0,
      };
    case 'failed':
      throw new PaperboyError('internal', `slot ${slotKey} of ${channel} failed: ${outcome.error} (it stays retryable)`, {
        cause: outcome.cause,
      });
    case 'pending':
      throw new PaperboyError(
        'timeout',
        `slot ${slotKey} of ${channel} was still posting after minutes of waiting (rate limits?); the next run checks whether it arrived`,
      );
  }
}

async function deliver(app: App, channel: ChannelSettings, at: Date, dryRun: boolean, out: Output): Promise<number> {
  const key = `${channel.platform}:${channel.channelId}`;
  if (channel.paused) {
    out.line(
      `digests for ${key} are paused (${channel.pauseReason ?? 'by a channel manager'}); nothing posted. /papers resume restarts them.`,
    );
    return 0;
  }
  const slot = await app.schedule.dueSlot(channel, at, { dryRun });
  if (!slot) {
    const next = await app.schedule.nextDigest(channel);
    out.line(`nothing due for ${key} at ${at.toISOString()}${next ? `; next digest ${next}` : '; no digest days are enabled'}`);
    return 0;
  }
  if (dryRun) {
    const [digest] = await app.digests.buildScheduled([slot]);
    if (digest) out.line(renderDigest(digest, out.style));
    out.line(`dry run: slot ${slot.slotKey} of ${key} (due ${slot.dueAt.toISOString()}) was built, not posted; nothing claimed`);
    return 0;
  }
  if (!app.publishers.has(channel.platform)) {
    throw new UsageError(
      `cannot post to ${channel.platform}: its credentials are not configured (see .env.example), or use --dry-run\nusage: ${DIGEST_USAGE}`,
    );
  }
  const [result] = await app.digests.deliverScheduled([slot]);
  if (!result) throw new PaperboyError('internal', `slot ${slot.slotKey} of ${key} was not attempted`);
  const { line, code } = outcomeLine(key, slot.slotKey, result.outcome);
  out.line(line);
  return code;
}

/** Runs the command; opens its own app so the clock reads `--at`. */
export async function runDigest(config: Readonly<Config>, argv: string[], out: Output, log?: Logger): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { channel: { type: 'string' }, at: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    DIGEST_USAGE,
  );
  if (!values.channel) throw new UsageError(`--channel is required\nusage: ${DIGEST_USAGE}`);
  if (positionals.length > 0) throw new UsageError(`unexpected ${JSON.stringify(positionals.join(' '))}\nusage: ${DIGEST_USAGE}`);
  const ref = parseChannelRef(values.channel, DIGEST_USAGE);
  const at = parseAt(values.at);
  // Real time from --at on: retries and rate-limit waits still take real time.
  const clock = createShiftedClock(at);
  const app = await openApp(config, {
    clock,
    ...(log ? { log } : {}),
    publishers: new Map([['console', createConsolePublisher(out.line, out.style, () => clock.now())]]),
  });
  let platforms: ChatPlatform[] = [];
  try {
    const channel = await app.channels.get(ref);
    if (!channel)
      throw new UsageError(`${values.channel} has no digest set up (no /papers subscribe or schedule there yet)\nusage: ${DIGEST_USAGE}`);
    // Publishers work without connecting (no gateway, no receiver): only the one for this channel is registered.
    platforms = ref.platform === 'console' ? [] : await createPlatforms(config, app);
    for (const platform of platforms) if (platform.platform === ref.platform) app.publishers.set(platform.platform, platform);
    return await deliver(app, channel, at, values['dry-run'] ?? false, out);
  } finally {
    for (const platform of platforms)
      await platform.stop().catch((error: unknown) => out.note(`paperboy: stopping ${platform.platform}: ${describeError(error)}`));
    await app.close();
  }
}
