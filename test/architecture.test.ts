/**
 * The dependency rule (docs/architecture.md §1), checked over every import in src/ and commands/:
 * core → nothing; commands → core; sources/store/scheduler/health/log → core; platforms/<p> → core and
 * commands only; each SDK imported in exactly one folder; process.env read only in config.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(ROOT, dir));
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return filesUnder(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const FILES = [...filesUnder('src'), ...filesUnder('commands')];

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

/** The project area a file belongs to: core, commands, sources, store, scheduler, log, platforms/<p>, root. */
function areaOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'commands') return 'commands';
  if (parts[1] === 'platforms') return `platforms/${parts[2]}`;
  if (parts[1] === 'log.ts') return 'log';
  if (parts.length === 2 || parts[1] === 'cli') return 'root';
  return parts[1] as string;
}

const ALLOWED: Record<string, (target: string, from: string) => boolean> = {
  core: () => false,
  commands: (t) => t === 'core',
  sources: (t) => t === 'core',
  store: (t) => t === 'core',
  scheduler: (t) => t === 'core',
  health: (t) => t === 'core',
  log: (t) => t === 'core',
  root: () => true,
};

function allowed(from: string, target: string): boolean {
  if (from === target) return true;
  if (from.startsWith('platforms/')) return target === 'core' || target === 'commands';
  return ALLOWED[from]?.(target, from) ?? false;
}

const SDK_HOMES: Record<string, string> = {
  'discord.js': 'platforms/discord',
  '@slack/bolt': 'platforms/slack',
  'drizzle-orm': 'store',
  'better-sqlite3': 'store',
  'node-cron': 'scheduler',
  'prom-client': 'health',
};

describe('the dependency rule', () => {
  it('GIVEN the source tree THEN there are files to check', () => {
    expect(FILES.length).toBeGreaterThan(10);
  });

  it('GIVEN every project import THEN it points only where the dependency rule allows', () => {
    const violations: string[] = [];
    for (const file of FILES) {
      const from = areaOf(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = areaOf(relative(ROOT, resolve(ROOT, dirname(file), spec)));
        if (!allowed(from, target)) violations.push(`${file} (${from}) imports ${spec} (${target})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('GIVEN every package import THEN each SDK is imported only in its one folder', () => {
    const violations: string[] = [];
    for (const file of FILES) {
      for (const spec of importsOf(file)) {
        const pkg = Object.keys(SDK_HOMES).find((name) => spec === name || spec.startsWith(`${name}/`));
        if (pkg && areaOf(file) !== SDK_HOMES[pkg]) violations.push(`${file} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('GIVEN the source tree THEN only src/config.ts reads process.env', () => {
    const readers = FILES.filter((file) => /process\.env\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(readers).toEqual(['src/config.ts']);
  });

  it('GIVEN the source tree THEN nothing reads ../shared at run time', () => {
    expect(FILES.filter((file) => /\.\.\/shared\b|['"]shared\//.test(readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('GIVEN a file that breaks the rule THEN the checker notices (the check can fail)', () => {
    expect(allowed('core', 'store')).toBe(false);
    expect(allowed('platforms/discord', 'platforms/slack')).toBe(false);
    expect(allowed('platforms/discord', 'store')).toBe(false);
    expect(allowed('sources', 'store')).toBe(false);
    expect(allowed('health', 'store')).toBe(false);
    expect(allowed('scheduler', 'platforms/discord')).toBe(false);
    expect(importsOf('src/app.ts')).toContain('./store/index.ts');
  });
});
