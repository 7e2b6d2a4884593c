/** ANSI styling that switches itself off when the output is not a terminal (or NO_COLOR is set). */

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  cyan(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Styles that colour text. */
export const colourStyle: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  cyan: wrap(36, 39),
  yellow: wrap(33, 39),
  green: wrap(32, 39),
};

const same = (text: string) => text;

/** Styles that leave text alone. */
export const plainStyle: Style = { bold: same, dim: same, cyan: same, yellow: same, green: same };

/** Colour only on a TTY and only when the user has not asked for none. */
export function styleFor(stream: { isTTY?: boolean }, noColor: boolean): Style {
  return stream.isTTY && !noColor ? colourStyle : plainStyle;
}
