/** The one recording Logger of the test suite: it keeps every line, its children's too (with their bindings merged in). */
import type { Logger } from '../../src/core/logger.ts';

/** The four levels of the Logger port. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One logged line. */
export interface LogEntry {
  level: LogLevel;
  context: Record<string, unknown>;
  message: string;
}

/** A Logger whose lines a test can assert on. */
export interface RecordingLogger extends Logger {
  /** Every line so far, oldest first, shared with every child. */
  readonly entries: LogEntry[];
  child(bindings: object): RecordingLogger;
}

/** Creates a recording logger; children write to the same `entries` with their bindings in each context. */
export function createRecordingLogger(entries: LogEntry[] = [], bindings: object = {}): RecordingLogger {
  const write = (level: LogLevel) => (context: object, message: string) => {
    entries.push({ level, context: { ...bindings, ...context }, message });
  };
  return {
    entries,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => createRecordingLogger(entries, { ...bindings, ...more }),
  };
}
