import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCard } from '../../../src/core/card.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { fitBlocks, section, MAX_BLOCKS } from '../../../src/platforms/slack/blocks.ts';
import { homeView } from '../../../src/platforms/slack/home-view.ts';
import { clipMrkdwn, escapeMrkdwn, link, markupToMrkdwn, splitMrkdwn } from '../../../src/platforms/slack/mrkdwn.ts';
import { digestMessage, digestThread } from '../../../src/platforms/slack/render-digest.ts';
import { cardSection } from '../../../src/platforms/slack/render-cards.ts';
import { ACTION_NEXT, ACTION_PREV, ACTION_SHARE, renderReply } from '../../../src/platforms/slack/render-reply.ts';
import { HOSTILE, adversarialCards, adversarialDigest } from './adversarial.ts';
import { storedPaper } from '../../helpers/stored-papers.ts';
import { blockKitProblems } from './block-kit-check.ts';

describe('escaping', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U0ADMIN>', '&lt;@U0ADMIN&gt;'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    ['@here now', '@\u2060here now'],
    ['mail@channel.org', 'mail@\u2060channel.org'],
  ])('GIVEN %j THEN it is shown as typed and pings nobody', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
    expect(blockKitProblems({ text: 'x', blocks: [section(escapeMrkdwn(input))] })).toEqual([]);
  });

  it('GIVEN links THEN labels are escaped, URLs made safe, and non-http URLs become plain text', () => {
    expect(link('https://x.org/?a=1&b=2', '<!here> & co')).toBe('<https://x.org/?a=1&amp;b=2|&lt;!here&gt; &amp; co>');
    expect(link('javascript:alert(1)', 'click')).toBe('click');
    expect(link('https://x.org/a|b>c', 'a|b')).toBe('<https://x.org/a%7Cb%3Ec|a∣b>');
  });

  it('GIVEN the reply markup THEN bold, italic, code and fences become mrkdwn with everything else escaped', () => {
    expect(markupToMrkdwn('**Usage:** `/papers a<b` and *diffusion* <!here>')).toBe(
      '*Usage:* `/papers a&lt;b` and _diffusion_ &lt;!here&gt;',
    );
    expect(markupToMrkdwn('```\n*not italic* <x>\n```')).toBe('```\n*not italic* &lt;x&gt;\n```');
    expect(markupToMrkdwn('• item & more')).toBe('• item &amp; more');
  });

  it('GIVEN any escaped text cut anywhere THEN the cut never splits an entity, a link or a surrogate pair', () => {
    const piece = fc.constantFrom(...HOSTILE, 'word ', '&', '<', '>', '🧪');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 2, max: 400 }), fc.boolean(), (pieces, max, asLink) => {
        const text = pieces.join('');
        const mrkdwn = asLink ? `${escapeMrkdwn(text)} ${link('https://example.org/?q=a&b', text)}` : escapeMrkdwn(text);
        const clipped = clipMrkdwn(mrkdwn, max);
        expect(clipped.length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(clipped).not.toMatch(/&[a-z]*…$/);
        expect(clipped.split('<').length).toBe(clipped.split('>').length);
        expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      }),
    );
  });

  it('GIVEN a long fenced block THEN it is split into sections of at most 3000 characters, each with closed fences', () => {
    const text = ['Intro', '```', ...Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(20)}`), '```', 'Outro'].join('\n');
    const chunks = splitMrkdwn(text, 3000);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(3000);
      expect((chunk.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(chunks.join('\n')).toContain('line 399');
  });
});

describe('digest rendering', () => {
  it('GIVEN an adversarial digest THEN one message within every Block Kit limit that pings nobody', () => {
    const message = digestMessage(adversarialDigest());
    expect(blockKitProblems(message)).toEqual([]);
    const sections = message.blocks.filter((b) => b.type === 'section');
    expect(sections).toHaveLength(10);
    const all = JSON.stringify(message);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('pb-1x2y3z');
    expect(all).not.toContain('javascript:');
  });

  it('GIVEN thread mode THEN the header message and each reply are within the limits', () => {
    const { parent, replies } = digestThread(adversarialDigest());
    expect(replies).toHaveLength(10);
    for (const message of [parent, ...replies]) expect(blockKitProblems(message)).toEqual([]);
  });

  it('GIVEN a flood of long status lines THEN the footer keeps its first lines and ends with the marker, in one message and in a thread', () => {
    const digest = { ...adversarialDigest(), footer: Array.from({ length: 40 }, (_, i) => `status ${i}: ${'x'.repeat(200)}`) };
    for (const message of [digestMessage(digest), digestThread(digest).parent]) {
      expect(blockKitProblems(message)).toEqual([]);
      const foot = message.blocks.at(-1);
      expect(foot?.type).toBe('context');
      const texts = foot?.type === 'context' ? foot.elements.map((e) => (e.type === 'mrkdwn' ? e.text : '')) : [];
      expect(texts.at(-1)).toBe(`\`${digest.marker}\``);
      expect(texts[0]).toMatch(/^status 0: x+$/);
    }
  });

  it('GIVEN an empty digest THEN its empty line and the marker are posted', () => {
    const message = digestMessage({ ...adversarialDigest(), cards: [], emptyText: 'Nothing new matched your topics since <Monday>.' });
    expect(blockKitProblems(message)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('Nothing new matched your topics since &lt;Monday&gt;.');
  });
});

describe('a card', () => {
  it('GIVEN an arXiv-only paper nobody has voted on or discussed THEN the section shows no zero counts', () => {
    expect(cardSection(toCard(storedPaper()), 1).text.text.split('\n')).toEqual([
      '*1. <https://arxiv.org/abs/2607.26654|Constitutional Midtraining: Content Presence Drives Alignment Gains>*',
      'Desiree Cho, Cameron Tice, Bernie Hogan',
      'Post-training alignment is often shallow, eroding under fine-tuning.',
      '<https://arxiv.org/abs/2607.26654|arXiv> · <https://arxiv.org/pdf/2607.26654|PDF>',
    ]);
  });

  it('GIVEN comments and stars but no upvotes THEN only those are shown', () => {
    const section = cardSection(
      toCard(storedPaper({ githubRepo: 'https://github.com/desBugger/constitutional-mt' }, { comments: 2, githubStars: 41 })),
      null,
    );
    expect(section.text.text.split('\n')[2]).toBe('💬 2   ★ 41');
  });
});

describe('reply rendering', () => {
  const hostileReply = (): Reply => ({
    visibility: 'private',
    outcome: 'ok',
    title: `Search: ${HOSTILE.join(' ')}`,
    text: `${HOSTILE.join('\n')}\n${'**bold** & *it* <!here>\n'.repeat(400)}`,
    hits: adversarialCards().map((card) => ({
      card,
      score: 1,
      snippet: `…**${HOSTILE[0]}** ${'&'.repeat(3000)}…`,
      source: 'huggingface' as const,
    })),
    notes: Array.from({ length: 15 }, (_, i) => `${HOSTILE[i % HOSTILE.length]} note ${i}`),
    paging: { subcommand: 'search', options: { query: 'x' }, offset: 10, limit: 10, hasMore: true },
    shareable: true,
  });

  it('GIVEN hostile text, results and notes THEN the message is within every limit and pings nobody', () => {
    const message = renderReply(hostileReply(), { token: 'tok' });
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.filter((b) => b.type === 'section' && b.text.text.includes('▲ '))).toHaveLength(10);
    expect(JSON.stringify(message.blocks)).toContain('note 0');
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('GIVEN paging and Share THEN Prev only past the first page, Next only when there is more, Share when shareable', () => {
    const ids = (reply: Reply) =>
      renderReply(reply, { token: 't' }).blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.action_id) : []));
    const base = hostileReply();
    expect(ids(base)).toEqual([ACTION_PREV, ACTION_NEXT, ACTION_SHARE]);
    expect(ids({ ...base, paging: { ...base.paging!, offset: 0, hasMore: true }, shareable: false })).toEqual([ACTION_NEXT]);
    expect(ids({ ...base, paging: { ...base.paging!, offset: 0, hasMore: false }, shareable: false })).toEqual([]);
    const shared = renderReply(base, { token: 't', sharedBy: '<!channel> Eve' });
    expect(shared.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(shared.blocks)).toContain('Shared by &lt;!channel&gt; Eve');
    expect(blockKitProblems(shared)).toEqual([]);
  });

  it('GIVEN a digest preview THEN it renders under its title within the limits', () => {
    const message = renderReply({
      visibility: 'private',
      outcome: 'ok',
      title: 'Digest preview',
      digest: adversarialDigest(),
      notes: ['Only you can see this preview.'],
    });
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Digest preview' } });
  });

  it('GIVEN more blocks than Slack allows THEN the message keeps 50 and says some were left out', () => {
    const blocks = fitBlocks(Array.from({ length: 80 }, (_, i) => section(`item ${i}`)));
    expect(blocks).toHaveLength(MAX_BLOCKS);
    expect(JSON.stringify(blocks.at(-1))).toContain('left out');
  });
});

describe('App Home', () => {
  it('GIVEN many channels with hostile topics THEN a home view within 100 blocks listing them by channel link', () => {
    const channels = Array.from({ length: 120 }, (_, i) => ({
      channelId: `C${String(i).padStart(6, '0')}`,
      topics: HOSTILE.slice(0, 3),
      nextDigest: i % 2 === 0 ? 'Tue 4 Mar 09:00 Europe/Berlin' : null,
      schedule: 'Digest at 09:00 UTC on Mon–Fri, 5 papers',
      paused: i % 5 === 0,
      pauseReason: i % 5 === 0 ? 'the channel is archived' : null,
    }));
    const view = homeView(channels);
    expect(view.type).toBe('home');
    expect(blockKitProblems({ text: 'home', blocks: view.blocks }, 100)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).toContain('<#C000000>');
    expect(JSON.stringify(view.blocks)).toContain('Next digest: Tue 4 Mar 09:00 Europe/Berlin');
  });
});
