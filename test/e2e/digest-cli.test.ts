/**
 * `paperboy digest` against the fake Discord (child processes; docs/architecture.md §14): the same slot twice posts one
 * message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';
import { createLane, type Lane } from './crash-lane.ts';

let lane: Lane;
let channel: string;
let env: Record<string, string>;

beforeAll(async () => {
  lane = await createLane(1, new Date('2025-11-09T12:00:00Z'), [new Date('2025-11-10T00:00:00Z')]);
  channel = `discord:${lane.channels[0]?.channelId}`;
  env = {
    PAPERBOY_DB: lane.db,
    PAPERBOY_OFFLINE: 'true',
    DISCORD_TOKEN: lane.discord.token,
    DISCORD_APPLICATION_ID: lane.discord.applicationId,
    DISCORD_API_URL: lane.discord.apiUrl,
  };
});

afterAll(async () => {
  await lane.close();
});

const digest = (...args: string[]) => runCli(['digest', '--channel', channel, ...args], { cwd: lane.dir, env, timeoutMs: 30_000 });
const posted = () => lane.discord.messages(lane.channels[0]?.channelId).length;

describe('paperboy digest --channel --at', () => {
  it('GIVEN --dry-run THEN the digest is printed and nothing is posted or claimed', async () => {
    const result = await digest('--at', '2025-11-10T08:05:00Z', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Trending papers · Mon 10 Nov/);
    expect(result.stdout).toMatch(
      /dry run: slot 2025-11-10 of discord:\d+ \(due 2025-11-10T08:00:00.000Z\) was built, not posted; nothing claimed/,
    );
    expect(posted()).toBe(0);
  });

  it('GIVEN the same slot twice THEN one message on Discord; the second run says nothing is due, exit 0', async () => {
    const first = await digest('--at', '2025-11-10T08:05:00Z');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^posted slot 2025-11-10 to discord:\d+ \(message \d+\)$/m);
    const second = await digest('--at', '2025-11-10T08:06:00Z');
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe(`nothing due for ${channel} at 2025-11-10T08:06:00.000Z; next digest Tue 11 Nov 09:00 Europe/Berlin`);
    expect(posted()).toBe(1);
  });

  it('GIVEN an instant before the digest time THEN nothing is due, said in one clear line, exit 0', async () => {
    const result = await digest('--at', '2025-11-11T07:59:00Z');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`nothing due for ${channel} at 2025-11-11T07:59:00.000Z; next digest Tue 11 Nov 09:00 Europe/Berlin`);
    expect(posted()).toBe(1);
  });

  it('GIVEN a bad --at or an unknown channel THEN usage, exit 2', async () => {
    expect((await digest('--at', 'tomorrow')).code).toBe(2);
    const unknown = await runCli(['digest', '--channel', 'discord:1', '--at', '2025-11-10T08:05:00Z'], { cwd: lane.dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/has no digest set up/);
  });
});
