/**
 * `paperboy ingest --from-file items.json`: a saved Daily Papers response (a JSON array of items)
 * read from disk and parsed exactly like a live one.
 */
import { readFile } from 'node:fs/promises';
import { UserError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SourceBatch } from '../core/paper.ts';
import { describeJsonKind } from './hf-fields.ts';
import { parseHfItems } from './hf-parse.ts';

/** Reads and parses a Daily Papers JSON file; every problem with the file is one `bad_input` line naming it. */
export async function readPapersFile(path: string, log: Logger): Promise<SourceBatch> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`${path} ${readProblem(error)}`, 'bad_input', { cause: error });
  }
  // Editors on Windows like to save a byte-order mark, which JSON.parse rejects.
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UserError(`${path} is empty; expected a JSON array of Daily Papers items`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`${path} is not valid JSON (${reason})`, 'bad_input', { cause: error });
  }
  if (!Array.isArray(body)) {
    throw new UserError(`${path} holds ${jsonKind(body)}; expected an array of Daily Papers items`);
  }
  return parseHfItems(body, log, path);
}

function jsonKind(value: unknown): string {
  const kind = describeJsonKind(value);
  return kind === 'null' ? 'JSON null' : `a JSON ${kind.replace(/^an? /, '')}`;
}

function readProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EISDIR') return 'is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`;
}
