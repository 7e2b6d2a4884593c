import { describe, expect, it } from 'vitest';
import type { PaperCard } from '../../../src/core/card.ts';
import type { ChannelSettings } from '../../../src/core/channel.ts';
import type { Digest } from '../../../src/core/digest/model.ts';
import { createConsolePublisher } from '../../../src/platforms/console/publisher.ts';
import { colourStyle, plainStyle } from '../../../src/platforms/console/terminal-style.ts';

const T0 = new Date('2025-03-04T08:00:00.000Z');
const channel = { platform: 'console', channelId: 'team', timezone: 'UTC' } as ChannelSettings;

const card: PaperCard = {
  id: '2409.12917',
  title: 'Training Language Models to Self-Correct via Reinforcement Learning',
  url: 'https://huggingface.co/papers/2409.12917',
  authors: 'Aviral Kumar, Vincent Zhuang, Rishabh Agarwal et al.',
  organization: 'Google DeepMind',
  upvotes: 42,
  comments: 3,
  stars: 0,
  summary: 'SCoRe trains self-correction with multi-turn online RL.',
  links: [{ label: 'arXiv', url: 'https://arxiv.org/abs/2409.12917' }],
  thumbnail: null,
  reason: 'matches *self-correction* · +12 upvotes today',
};

function digest(overrides: Partial<Digest> = {}): Digest {
  return {
    channel,
    slotKey: '2025-03-04',
    header: 'Trending papers · Tue 4 Mar',
    cards: [card],
    emptyText: null,
    footer: ['Hugging Face unreachable since 07:10 UTC; showing cached papers'],
    marker: 'pb-1x2y3z',
    ...overrides,
  };
}

// Publishing and findByMarker as the Publisher port promises them: publisher.contract.test.ts beside this file.
describe('createConsolePublisher', () => {
  it('GIVEN a digest THEN prints header, numbered cards with reasons, footer and marker, and returns a message id', async () => {
    const out: string[] = [];
    const publisher = createConsolePublisher(
      (text) => out.push(text),
      plainStyle,
      () => T0,
    );
    expect(publisher.platform).toBe('console');
    expect(await publisher.publish(channel, digest())).toEqual({ messageId: 'console-1' });
    const text = out.join('');
    expect(text).toContain('━━ Trending papers · Tue 4 Mar');
    expect(text).toContain('1. Training Language Models to Self-Correct via Reinforcement Learning');
    expect(text).toContain('▲ 42');
    expect(text).toContain('matches self-correction · +12 upvotes today');
    expect(text).toContain('Hugging Face unreachable since 07:10 UTC');
    expect(text).toContain('pb-1x2y3z');
    expect(text).not.toContain('\u001b[');
  });

  it('GIVEN an empty digest THEN prints its empty line instead of cards', async () => {
    const out: string[] = [];
    await createConsolePublisher((text) => out.push(text), plainStyle).publish(
      channel,
      digest({ cards: [], emptyText: 'Nothing new matched your topics since Monday.' }),
    );
    expect(out.join('')).toContain('Nothing new matched your topics since Monday.');
  });

  it('GIVEN a colour style THEN the output carries ANSI colour', async () => {
    const out: string[] = [];
    await createConsolePublisher((text) => out.push(text), colourStyle).publish(channel, digest());
    expect(out.join('')).toContain('\u001b[1m');
  });
});
