/** Shared setup for store tests: temp directories, a recording logger, sample items, FTS probes. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createFixedClock } from '../../../src/core/clock.ts';
import type { Logger } from '../../../src/core/logger.ts';
import type { SourcedPaper } from '../../../src/core/paper.ts';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase, type Db } from '../../../src/store/index.ts';

/** The instant every test clock starts at. */
export const T0 = new Date('2025-03-03T09:00:00.000Z');

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh directory removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-store-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** One recorded log call. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  context: object;
  message: string;
}

/** A Logger that keeps every line for assertions. */
export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: LogLine['level']) => (context: object, message: string) =>
    void lines.push({ level, context, message });
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => recordingLogger(lines),
  };
}

/** Opens `file` (default: a new file in a temp dir) with a fixed clock; closed after the test. */
export function openTestDb(file?: string, options: { migrationsFolder?: string; log?: Logger; at?: Date } = {}): Db {
  const db = openDatabase(file ?? join(tempDir(), 'paperboy.db'), {
    log: options.log ?? recordingLogger(),
    clock: createFixedClock(options.at ?? T0),
    ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
  });
  cleanups.push(() => db.close());
  return db;
}

/** Tags of the real migrations, oldest first (tests count against this, not a hard-coded number). */
export const MIGRATION_TAGS: readonly string[] = (
  JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }
).entries.map((entry) => entry.tag);

/** A copy of the real migrations folder; with `count`, only its first migrations, as an older release shipped. */
export function copyMigrations(count = Number.POSITIVE_INFINITY): string {
  const folder = join(tempDir(), 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  journal.entries = journal.entries.slice(0, count);
  for (const { tag } of journal.entries)
    copyFileSync(join(DEFAULT_MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  return folder;
}

/** A Hugging Face item; `paper` fields override the defaults. */
export function hfItem(
  id: string,
  paper: Partial<SourcedPaper['paper']> = {},
  signals: SourcedPaper['signals'] = { upvotes: 10 },
): SourcedPaper {
  return {
    source: 'huggingface',
    paper: { id, title: `Paper ${id}`, abstract: `Abstract of ${id}.`, authors: ['Ada Lovelace'], ...paper },
    signals,
  };
}

/** An arXiv item (no signals); `paper` fields override the defaults. */
export function arxivItem(id: string, paper: Partial<SourcedPaper['paper']> = {}): SourcedPaper {
  return { source: 'arxiv', paper: { id, title: `Paper ${id}`, ...paper } };
}

/** Canonical ids of the papers whose FTS entry matches `query`, sorted. */
export function ftsIds(db: Db, query: string): string[] {
  const rows = db.sqlite
    .prepare(`SELECT p.id FROM papers_fts f JOIN papers p ON p.doc_id = f.rowid WHERE papers_fts MATCH ? ORDER BY p.id`)
    .pluck()
    .all(query) as string[];
  return rows;
}

/** Throws unless the FTS index agrees exactly with the `papers` rows it was built from. */
export function checkFtsIntegrity(db: Db): void {
  // rank = 1 makes FTS5 compare the index against the external content table, not only its own structure.
  db.sqlite.prepare(`INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)`).run();
}

/** The FTS index's raw pages: identical snapshots mean nothing rewrote the index in between. */
export function ftsPages(db: Db): string {
  const rows = db.sqlite.prepare(`SELECT id, hex(block) AS block FROM papers_fts_data ORDER BY id`).all();
  return JSON.stringify(rows);
}
