/** `paperboy backup <file>`: a consistent copy of the live database (VACUUM INTO). */
import type { App } from '../app.ts';
import { backupDatabase } from '../store/index.ts';
import { UsageError } from './errors.ts';
import type { Output } from './output.ts';

export const BACKUP_USAGE = 'paperboy backup <file>';

/** Writes the backup and says where and how big. */
export function runBackup(app: App, argv: string[], out: Output): number {
  const [target, ...rest] = argv;
  if (!target || rest.length > 0 || target.startsWith('-')) throw new UsageError(`give one target file\nusage: ${BACKUP_USAGE}`);
  const result = backupDatabase(app.db, target);
  out.line(`backup written: ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB)`);
  return 0;
}
