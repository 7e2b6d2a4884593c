import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PaperboyError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { readPapersFile } from '../../src/sources/papers-file.ts';
import { tempDir } from '../helpers/temp-dir.ts';

function file(name: string, content: string): string {
  const path = join(tempDir('paperboy-papers-file-'), name);
  writeFileSync(path, content);
  return path;
}

async function problem(path: string): Promise<PaperboyError> {
  const error: unknown = await readPapersFile(path, silentLogger).catch((e: unknown) => e);
  if (!(error instanceof PaperboyError)) throw new Error(`expected a PaperboyError, got ${String(error)}`);
  expect(error.code).toBe('bad_input');
  expect(error.message).not.toContain('\n');
  return error;
}

describe('readPapersFile', () => {
  it('GIVEN the real 44-paper sample THEN 44 papers and nothing skipped', async () => {
    const path = fileURLToPath(new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url));
    const batch = await readPapersFile(path, silentLogger);
    expect(batch.items).toHaveLength(44);
    expect(batch.skipped).toEqual([]);
  });

  it('GIVEN an empty array THEN an empty batch', async () => {
    expect(await readPapersFile(file('empty-array.json', '[]\n'), silentLogger)).toEqual({ items: [], skipped: [] });
  });

  it('GIVEN a byte-order mark THEN it still parses', async () => {
    expect((await readPapersFile(file('bom.json', '\uFEFF[]'), silentLogger)).items).toEqual([]);
  });

  it('GIVEN text that is not JSON THEN one line naming the file', async () => {
    const path = file('items.txt', 'hello, papers');
    expect((await problem(path)).message).toMatch(new RegExp(`^${escape(path)} is not valid JSON \\(.+\\)$`));
  });

  it('GIVEN truncated JSON THEN it says so', async () => {
    const path = file('truncated.json', '[{"paper":');
    expect((await problem(path)).message).toBe(`${path} is not valid JSON (Unexpected end of JSON input)`);
    const sample = readFileSync(new URL('../../fixtures/hf-daily-papers.sample.json', import.meta.url), 'utf8');
    const cut = file('cut-sample.json', sample.slice(0, sample.length / 2));
    expect((await problem(cut)).message).toMatch(/cut-sample\.json is not valid JSON \(.+\)$/);
  });

  it('GIVEN a JSON object instead of an array THEN it says what it expected', async () => {
    const path = file('object.json', '{"paper": {"id": "2409.12917", "title": "x"}}');
    expect((await problem(path)).message).toBe(`${path} holds a JSON object; expected an array of Daily Papers items`);
  });

  it('GIVEN an empty file THEN it says the file is empty', async () => {
    const path = file('blank.json', '  \n');
    expect((await problem(path)).message).toMatch(/blank\.json is empty/);
  });

  it('GIVEN a missing file or a directory THEN it names the file and the problem', async () => {
    const dir = tempDir('paperboy-papers-file-');
    expect((await problem(join(dir, 'nope.json'))).message).toBe(`${join(dir, 'nope.json')} does not exist`);
    expect((await problem(dir)).message).toBe(`${dir} is a directory, not a file`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
