import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, workDir } from './run-cli.ts';

const SAMPLE = join(import.meta.dirname, '../../fixtures/hf-daily-papers.sample.json');

async function seeded() {
  const cwd = workDir();
  const env = { PAPERBOY_DB: join(cwd, 'p.db'), PAPERBOY_OFFLINE: 'true' };
  expect((await runCli(['ingest', '--from-file', SAMPLE], { cwd, env })).code).toBe(0);
  const cmd = (text: string, ...flags: string[]) =>
    runCli(['cmd', '--channel', 'console:lab', '--user', 'alice', ...flags, text], { cwd, env });
  return { cwd, env, cmd };
}

describe('paperboy cmd', () => {
  it('GIVEN a manager subscribing THEN a public confirmation and a private preview, and topics lists it', async () => {
    const { cmd } = await seeded();
    const result = await cmd('/papers subscribe "self-correction"', '--manager');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[posted in the channel\]\nThis channel now follows/);
    expect(result.stdout).toMatch(/\[private reply\][^[]*Preview/);
    const topics = await cmd('topics');
    expect(topics.stdout).toMatch(/self-correction/);
  });

  it('GIVEN a non-manager THEN subscribe is refused privately, saying who may, exit 0, and nothing changes', async () => {
    const { cmd } = await seeded();
    const result = await cmd('subscribe diffusion');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[private reply\]/);
    expect(result.stdout).toMatch(/--manager/);
    expect((await cmd('topics')).stdout).toMatch(/This channel has no digest yet/);
  });

  it('GIVEN bad values THEN friendly private errors, never a stack trace', async () => {
    const { cmd } = await seeded();
    for (const text of [
      'schedule time:25:99',
      'schedule timezone:Mars/Olympus',
      `subscribe ${'x'.repeat(5000)}`,
      'search NEAR( "a" *',
      'frobnicate',
    ]) {
      const result = await cmd(text, '--manager');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\[private reply\]/);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/\bat .*\.ts:\d+|Error:/);
    }
  });

  it('GIVEN digest now on a console channel THEN the digest is printed once as a channel post and acknowledged privately', async () => {
    const { cmd } = await seeded();
    await cmd('subscribe reinforcement learning', '--manager');
    const result = await cmd('digest mode:now', '--manager');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/━━ Trending papers/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/\[private reply\]/);
  });

  it('GIVEN status THEN sources, schedule and topics are shown privately', async () => {
    const { cmd } = await seeded();
    await cmd('schedule time:08:30 timezone:Europe/Berlin days:weekdays', '--manager');
    const result = await cmd('status');
    expect(result.stdout).toMatch(/\[private reply\]/);
    expect(result.stdout).toMatch(/08:30/);
    expect(result.stdout).toMatch(/Europe\/Berlin/);
  });

  it('GIVEN a malformed --channel THEN usage and exit 2', async () => {
    const { cwd, env } = await seeded();
    const result = await runCli(['cmd', '--channel', 'lab', '--user', 'a', 'help'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not <platform>:<channel-id>/);
  });
});
