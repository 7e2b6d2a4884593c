import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('GIVEN configured secrets THEN they never appear in a log line, in the message or in context', () => {
    const { lines, stream } = capture();
    const log = createLogger({ level: 'debug', secrets: ['hf_abcdef123456', 'xoxb-999-secret'], destination: stream });
    log.info({ url: 'https://x/?token=hf_abcdef123456', nested: { deep: ['Bearer xoxb-999-secret'] } }, 'calling with hf_abcdef123456');
    log.child({ platform: 'slack' }).warn({ err: new Error('auth failed for xoxb-999-secret') }, 'oops');
    const text = lines.join('');
    expect(text).not.toContain('hf_abcdef123456');
    expect(text).not.toContain('xoxb-999-secret');
    expect(text).toContain('[redacted]');
    expect(text).toContain('"platform":"slack"');
  });

  it('GIVEN a context key that names a secret THEN its value is redacted whatever it holds', () => {
    const { lines, stream } = capture();
    createLogger({ level: 'info', destination: stream }).info(
      { headers: { authorization: 'Bearer abc' }, botToken: 'whatever' },
      'request',
    );
    expect(lines.join('')).not.toMatch(/Bearer abc|whatever/);
  });

  it('GIVEN a level THEN quieter lines are dropped', () => {
    const { lines, stream } = capture();
    createLogger({ level: 'warn', destination: stream }).info({}, 'hidden');
    expect(lines).toHaveLength(0);
  });
});
