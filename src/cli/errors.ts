/**
 * How the CLI turns failures into exit codes (docs/architecture.md §14): 0 done, 1 runtime failure, 2 bad usage or
 * configuration.
 */
import { ConfigError } from '../config.ts';
import { PaperboyError, describeError } from '../core/errors.ts';

/** Bad usage of a CLI command: exit code 2 and the command's usage line. */
export class UsageError extends PaperboyError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** Prints the failure on stderr (one line; the stack only at debug level) and returns the exit code. */
export function reportFailure(error: unknown, options: { debug: boolean; write: (line: string) => void }): number {
  if (error instanceof ConfigError) {
    options.write(error.message);
    return 2;
  }
  if (error instanceof UsageError) {
    options.write(`paperboy: ${error.message}`);
    return 2;
  }
  const known = error instanceof PaperboyError;
  options.write(`paperboy: ${known ? '' : 'unexpected error: '}${describeError(error)}`);
  if (options.debug && error instanceof Error && error.stack) options.write(error.stack);
  else if (!known) options.write('(run with PAPERBOY_LOG_LEVEL=debug for details)');
  return 1;
}
