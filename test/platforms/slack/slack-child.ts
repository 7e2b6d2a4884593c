/**
 * Runs the real bot (`node bin/paperboy.js start`) as a child process configured only through the environment,
 * against a fake Slack; readiness and the HTTP port come from its JSON log lines on stderr, never from sleeps.
 */
import { seededDir as seededBotDir, spawnBot, type LogLine } from '../../helpers/bot-child.ts';

export { SAMPLE, type LogLine } from '../../helpers/bot-child.ts';

/** Secrets the tests configure; no log line may contain them. */
export const SECRETS = {
  botToken: 'xoxb-1111-2222-paperboyTESTbotTOKEN',
  signingSecret: 'fake-signing-secret-5f4dcc3b5aa765d61d8327deb882cf99',
  appToken: 'xapp-1-A0PAPERBOY-3333-paperboyTESTappTOKEN',
};

export interface SlackChild {
  /** Everything the child wrote to stdout and stderr so far. */
  output(): string;
  /** Every stderr line so far: pino's JSON, or `{ msg }` for one that is not JSON. */
  lines(): LogLine[];
  /** Resolves with the first log line (past or future) matching `match`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then the exit code (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<number | null>;
}

/** A temp directory with a database seeded from the bundled sample (and `extraItems`, a Daily Papers array). */
export function seededDir(extraItems: unknown[] = []): Promise<{ dir: string; db: string; cleanup(): void }> {
  return seededBotDir('paperboy-slack-', extraItems);
}

/** Starts `paperboy start` in `cwd` with only `env` (plus PATH/HOME) and waits until Slack has started. */
export async function startSlackChild(cwd: string, env: Record<string, string>): Promise<SlackChild> {
  const bot = spawnBot(cwd, { PAPERBOY_OFFLINE: 'true', PAPERBOY_HTTP_PORT: '0', ...env });
  const handle: SlackChild = {
    output: bot.output,
    lines: () => bot.logs,
    waitForLog: (match, timeoutMs) => bot.waitForLog(match, 'a log line', timeoutMs),
    stop: (timeoutMs) => bot.stop(timeoutMs),
  };
  await handle.waitForLog((line) => line.msg === 'slack platform started');
  return handle;
}

/** The port the HTTP receiver bound (from its "listening" log line). */
export async function boundPort(child: SlackChild): Promise<number> {
  const line = await child.waitForLog((l) => l.msg === 'slack receiver listening');
  return Number(line.port);
}
