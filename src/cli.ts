/**
 * `paperboy <command>`: the command line. Parses the command, builds what it needs, and turns
 * failures into the exit codes of docs/architecture.md §14 (0 done, 1 runtime failure, 2 bad usage or configuration).
 */
import { openApp, type App } from './app.ts';
import { loadConfig, readEnv, type Config } from './config.ts';
import { runBackup, BACKUP_USAGE } from './cli/backup.ts';
import { runCmd, CMD_USAGE } from './cli/cmd.ts';
import { runDemo } from './cli/demo.ts';
import { runDigest, DIGEST_USAGE } from './cli/digest.ts';
import { reportFailure, UsageError } from './cli/errors.ts';
import { runIngest, INGEST_USAGE } from './cli/ingest.ts';
import { createOutput, type Output } from './cli/output.ts';
import { runSearch, SEARCH_USAGE } from './cli/search.ts';
import { createConsolePublisher } from './platforms/console/publisher.ts';
import { styleFor } from './platforms/console/terminal-style.ts';
import { runMain } from './main.ts';

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
                        copy the database (VACUUM INTO)
  deploy-commands       register /papers on Discord (DISCORD_GUILD_ID: one server, at once)

Configuration comes from the environment and .env (see .env.example).`;

type Command = (app: App, argv: string[], out: Output) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  ingest: runIngest,
  search: runSearch,
  backup: runBackup,
  cmd: runCmd,
  // Loaded on demand: discord.js costs ~50 MB and ~0.4 s, which no other command needs.
  'deploy-commands': async (app, argv, out) => (await import('./cli/deploy-commands.ts')).runDeployCommands(app, argv, out),
};

async function run(argv: string[]): Promise<number> {
  const env = readEnv();
  const [name, ...rest] = argv;
  const out = createOutput(process.stdout, process.stderr, styleFor(process.stdout, Boolean(env.NO_COLOR)));
  let config: Readonly<Config> | undefined;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      out.line(USAGE);
      return name === undefined ? 2 : 0;
    }
    if (name === 'demo') return await runDemo(env, out);
    // One-shot commands print their own results; their logs stay quiet unless the user asks for a level.
    config = loadConfig(name === 'start' || env.PAPERBOY_LOG_LEVEL ? env : { ...env, PAPERBOY_LOG_LEVEL: 'warn' });
    if (name === 'start') return await runMain(config);
    if (name === 'digest') return await runDigest(config, rest, out);
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}\n${USAGE}`);
    const app = openApp(config, { publishers: new Map([['console', createConsolePublisher(out.line, out.style)]]) });
    try {
      return await command(app, rest, out);
    } finally {
      app.close();
    }
  } catch (error) {
    return reportFailure(error, { debug: config?.logLevel === 'debug' || env.PAPERBOY_LOG_LEVEL === 'debug', write: out.note });
  }
}

process.exitCode = await run(process.argv.slice(2));
