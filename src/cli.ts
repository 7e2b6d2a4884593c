/** `paperboy <command>`: the command line (src/cli/run.ts) on this process's arguments, environment and streams. */
import { runCommandLine } from './cli/run.ts';
import { readEnv } from './config.ts';

process.exitCode = await runCommandLine(process.argv.slice(2), { env: readEnv(), stdout: process.stdout, stderr: process.stderr });
