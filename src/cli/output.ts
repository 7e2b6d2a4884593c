/** Where CLI commands write: results on stdout, notes and progress on stderr. */
import type { Style } from '../platforms/console/terminal-style.ts';

export interface Progress {
  update(text: string): void;
  done(): void;
}

/** Where text goes: a process stream, or a test's buffer. */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Output {
  style: Style;
  /** A result line on stdout. */
  line(text: string): void;
  /** A note on stderr. */
  note(text: string): void;
  /** A progress line on stderr, rewritten in place on a terminal, printed sparingly otherwise. */
  progress(): Progress;
}

/** Output bound to real streams. */
export function createOutput(stdout: TextStream, stderr: TextStream, style: Style): Output {
  return {
    style,
    line: (text) => void stdout.write(`${text}\n`),
    note: (text) => void stderr.write(`${text}\n`),
    progress() {
      let shown = false;
      let lastPrinted = 0;
      return {
        update(text) {
          if (stderr.isTTY) {
            stderr.write(`\r\u001b[2K${text}`);
            shown = true;
          } else if (Date.now() - lastPrinted > 2000) {
            // Logs and pipes get one line every couple of seconds, not one per page.
            stderr.write(`${text}\n`);
            lastPrinted = Date.now();
          }
        },
        done() {
          if (shown) stderr.write('\r\u001b[2K');
        },
      };
    },
  };
}
