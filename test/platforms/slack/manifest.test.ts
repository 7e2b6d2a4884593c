import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MANIFEST = readFileSync(resolve(import.meta.dirname, '../../../slack-manifest.yaml'), 'utf8');

/** The items of a YAML block list under `key:` (comments dropped). */
function listUnder(key: string): string[] {
  const lines = MANIFEST.split('\n');
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s+- ([^#\s]+)/.exec(line);
    if (!m?.[1]) break;
    items.push(m[1]);
  }
  return items;
}

describe('slack-manifest.yaml', () => {
  it('GIVEN the manifest THEN /papers has a usage hint within Slack limits and Socket Mode and interactivity are on', () => {
    expect(MANIFEST).toMatch(/- command: \/papers\n/);
    const hint = /usage_hint: "([^"]+)"/.exec(MANIFEST)?.[1] ?? '';
    expect(hint.length).toBeGreaterThan(10);
    expect(hint.length).toBeLessThanOrEqual(1000);
    expect(MANIFEST).toMatch(/socket_mode_enabled: true/);
    expect(MANIFEST).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(MANIFEST).toMatch(/# url: https:\/\/\S+\/slack\/events/);
  });

  it('GIVEN the manifest THEN it asks for exactly the scopes and events the adapter uses', () => {
    expect(listUnder('bot').sort()).toEqual(['channels:history', 'channels:join', 'channels:read', 'chat:write', 'commands', 'groups:history', 'groups:read', 'users:read']);
    expect(listUnder('bot_events').sort()).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
  });
});
