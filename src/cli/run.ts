/**
 * The command line as a function: parses the command, builds what it needs, and turns failures into the exit codes
 * of docs/architecture.md §14 (0 done, 1 runtime failure, 2 bad usage or configuration). `src/cli.ts` runs it on
 * the process's arguments and streams.
 */
import { openApp, type App } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import { createLogger } from '../log.ts';
import { runBackup, BACKUP_USAGE } from './backup.ts';
import { runDb, DB_USAGE } from './db.ts';
import { runCmd, CMD_USAGE } from './cmd.ts';
import { runDemo } from './demo.ts';
import { runDigest, DIGEST_USAGE } from './digest.ts';
import { reportFailure, UsageError } from './errors.ts';
import { runIngest, INGEST_USAGE } from './ingest.ts';
import { createOutput, type Output, type TextStream } from './output.ts';
import { runSearch, SEARCH_USAGE } from './search.ts';
import { createConsolePublisher } from '../platforms/console/publisher.ts';
import { styleFor } from '../platforms/console/terminal-style.ts';
import { runMain } from '../main.ts';

const USAGE = `usage: paperboy <command>

  start                 run the bot (same as npm start)
  demo                  offline demo on the bundled papers (same as npm run demo)
  ${INGEST_USAGE.replace('paperboy ', '')}
                        fetch papers into the store; no flag: today's (UTC) Hugging Face list
  ${SEARCH_USAGE.replace('paperboy ', '')}
                        search the stored papers
  ${CMD_USAGE.replace('paperboy ', '')}
                        run a /papers subcommand for a channel and print the reply
  ${DIGEST_USAGE.replace('paperboy ', '')}
                        post a channel's due digest now, as if the clock read --at
  ${BACKUP_USAGE.replace('paperboy ', '')}
                        copy the SQLite database (VACUUM INTO); on PostgreSQL use pg_dump
  ${DB_USAGE.replace('paperboy ', '')}
                        copy the SQLite database into an empty PostgreSQL one
  deploy-commands       register /papers on Discord (DISCORD_GUILD_ID: one server, at once)

Configuration comes from the environment and .env (see .env.example).`;

/** The one-shot commands' logger: the configured level, secrets scrubbed, lines on `stderr`. */
function logTo(stderr: TextStream, config: Readonly<Config>): Logger {
  return createLogger({
    level: config.logLevel,
    secrets: config.secrets,
    destination: { write: (line: string) => void stderr.write(line) },
  });
}

type Env = Record<string, string | undefined>;

type Command = (app: App, argv: string[], out: Output) => number | Promise<number>;

/** Commands that open what they need themselves: digest its own app (its clock reads --at), backup and db copy the SQLite file. */
type ConfigCommand = (config: Readonly<Config>, argv: string[], out: Output, log: Logger) => number | Promise<number>;

const CONFIG_COMMANDS: Record<string, ConfigCommand> = {
  digest: runDigest,
  backup: runBackup,
  db: runDb,
};

const COMMANDS: Record<string, Command> = {
  ingest: runIngest,
  search: runSearch,
  cmd: runCmd,
  // Loaded on demand: discord.js costs ~50 MB and ~0.4 s, which no other command needs.
  'deploy-commands': async (app, argv, out) => (await import('./deploy-commands.ts')).runDeployCommands(app, argv, out),
};

/** Where the command line reads its settings and writes its results, notes and logs. */
export interface CliIo {
  /** The environment, `.env` already merged in (config.ts `readEnv`). */
  env: Env;
  stdout: TextStream;
  stderr: TextStream;
}

/** Runs `paperboy <argv>` and resolves with its exit code; in-process, so tests need not spawn the bin. */
export async function runCommandLine(argv: string[], io: CliIo): Promise<number> {
  const { env } = io;
  const [name, ...rest] = argv;
  const out = createOutput(io.stdout, io.stderr, styleFor(io.stdout, Boolean(env.NO_COLOR)));
  let config: Readonly<Config> | undefined;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      out.line(USAGE);
      return name === undefined ? 2 : 0;
    }
    if (name === 'demo') return await runDemo(env, out, (config) => logTo(io.stderr, config));
    // One-shot commands print their own results; their logs stay quiet unless the user asks for a level.
    config = loadConfig(name === 'start' || env.PAPERBOY_LOG_LEVEL ? env : { ...env, PAPERBOY_LOG_LEVEL: 'warn' });
    if (name === 'start') return await runMain(config);
    const log = logTo(io.stderr, config);
    const configCommand = CONFIG_COMMANDS[name];
    if (configCommand) return await configCommand(config, rest, out, log);
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}\n${USAGE}`);
    const app = await openApp(config, { log, publishers: new Map([['console', createConsolePublisher(out.line, out.style)]]) });
    try {
      return await command(app, rest, out);
    } finally {
      await app.close();
    }
  } catch (error) {
    // Errors are printed, not logged: the same secrets as in the logs are scrubbed here (a DATABASE_URL password).
    const secrets = (config?.secrets ?? []).filter((s) => s.length >= 4);
    const write = (line: string) => out.note(secrets.reduce((text, secret) => text.split(secret).join('[redacted]'), line));
    return reportFailure(error, { debug: config?.logLevel === 'debug' || env.PAPERBOY_LOG_LEVEL === 'debug', write });
  }
}
