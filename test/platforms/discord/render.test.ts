/**
 * The Discord renderers as pure functions: every limit held with hostile data (checked independently with
 * discord.js's own `embedLength` and the fake Discord's 400 rules), markdown escaped, mentions defused,
 * LaTeX readable, the neutral markup translated, at most one action row.
 */
import { embedLength } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { toCard } from '../../../src/core/card.ts';
import type { Digest } from '../../../src/core/digest/model.ts';
import type { StoredPaper } from '../../../src/core/paper.ts';
import { privateReply, type Reply } from '../../../src/core/reply.ts';
import { waterFill } from '../../../src/platforms/discord/fit-embeds.ts';
import { clip } from '../../../src/platforms/discord/limits.ts';
import { escapeText, renderMarkup } from '../../../src/platforms/discord/markdown.ts';
import { cardEmbed } from '../../../src/platforms/discord/render-card.ts';
import { digestPost, digestThreadPosts, hasMarker } from '../../../src/platforms/discord/render-digest.ts';
import { renderReply } from '../../../src/platforms/discord/render-reply.ts';
import { makeCard, makeHit } from '../../fakes/fake-services.ts';
import { messageProblems } from '../../fakes/fake-discord-payloads.ts';
import { storedPaper } from '../../helpers/stored-papers.ts';
import { adversarialCards, hostileTitle } from './adversarial.ts';

/** Removes Discord's backslash escapes (a backslash before punctuation) and the mention breaker. */
const unescape = (text: string) => text.replace(/\\([^0-9A-Za-z\s])/g, '$1').replace(/\u200b/g, '');
/** Markdown characters not preceded by a backslash. */
const UNESCAPED = /(?<!\\)[*_~|`[\]<]/;

function hostileDigest(cards = adversarialCards()): Digest {
  return {
    channel: { platform: 'discord', channelId: '1300000000000000001' },
    slotKey: '2026-11-26',
    header: 'Trending papers · Thu 26 Nov @everyone *now*',
    cards,
    emptyText: null,
    footer: Array.from({ length: 40 }, (_, i) => `status line ${i}: Hugging Face unreachable since 09:10 UTC; showing cached papers`),
    marker: 'pb-2917hcv7qbm60',
  };
}

function expectWithinLimits(message: { content?: string; embeds: Parameters<typeof embedLength>[0][] }): void {
  expect(messageProblems(message)).toEqual([]);
  expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
}

describe('escapeText', () => {
  it('GIVEN markdown and mention syntax THEN every special character is escaped and the text reads the same', () => {
    const text = '*_~|**b** ||s|| `c` [l](https://x) <@1> # h\n> q\n- li\n1. n @everyone @here';
    const escaped = escapeText(text);
    expect(escaped).not.toMatch(UNESCAPED);
    expect(escaped).not.toMatch(/@everyone|@here/);
    expect(escaped.split('\n').every((line) => !/^(#|>|- |\d+\. )/.test(line))).toBe(true);
    expect(unescape(escaped)).toBe(text);
  });
});

describe('renderMarkup', () => {
  it('GIVEN the neutral markup THEN bold, italic, code and fences survive and other text is escaped', () => {
    expect(renderMarkup('**Topics (2 of 25)**\n• `a_b*c` and *diffusion*: snake_case ~x~')).toBe(
      '**Topics (2 of 25)**\n• `a_b*c` and *diffusion*: snake\\_case \\~x\\~',
    );
    expect(renderMarkup('grammar:\n```\nwords  -word  "a phrase" *x*\n```')).toBe('grammar:\n```\nwords  -word  "a phrase" *x*\n```');
  });
});

describe('a card embed', () => {
  it('GIVEN a paper with LaTeX THEN the embed title is readable (core readableLatex), linked, with a links line and a thumbnail', () => {
    const paper = {
      id: '2409.12917',
      version: 1,
      title: 'On $\\alpha$-divergences with \\textbf{bold} claims',
      abstract: 'We show $O(n^2)$ bounds. More.',
      authors: ['A. Author'],
      categories: ['cs.LG'],
      publishedAt: null,
      hfSubmittedAt: '2026-01-01T00:00:00Z',
      aiSummary: null,
      aiKeywords: [],
      githubRepo: 'https://github.com/a/b',
      projectPage: null,
      thumbnail: 'https://cdn.example/t.png',
      organization: null,
      firstSeenAt: '',
      updatedAt: '',
      signals: { upvotes: 3, comments: 1, githubStars: 7 },
    } as unknown as StoredPaper;
    const embed = cardEmbed(toCard(paper), {}, 6000);
    expect(embed.title).toBe('On α-divergences with bold claims');
    expect(embed.url).toBe('https://huggingface.co/papers/2409.12917');
    expect(embed.thumbnail?.url).toBe('https://cdn.example/t.png');
    expect(embed.description).toContain('We show O(n^2) bounds.');
    expect(embed.description).toContain(
      '[arXiv](https://arxiv.org/abs/2409.12917) · [PDF](https://arxiv.org/pdf/2409.12917) · [code](https://github.com/a/b)',
    );
    expect(embed.description).toContain('▲ 3 · 💬 1 · ★ 7');
  });

  it('GIVEN an arXiv-only paper nobody has voted on or discussed THEN the embed shows no zero counts', () => {
    const embed = cardEmbed(toCard(storedPaper()), {}, 6000);
    expect(embed.description!.split('\n')).toEqual([
      'Desiree Cho, Cameron Tice, Bernie Hogan',
      'Post-training alignment is often shallow, eroding under fine-tuning.',
      '[arXiv](https://arxiv.org/abs/2607.26654) · [PDF](https://arxiv.org/pdf/2607.26654)',
    ]);
    expect(embed.description).not.toMatch(/[▲💬★]/u);
  });

  it('GIVEN upvotes but no comments THEN the signals line shows only the upvotes', () => {
    const embed = cardEmbed(toCard(storedPaper({ hfSubmittedAt: '2026-08-03T00:00:00.000Z' }, { upvotes: 3 })), {}, 6000);
    expect(embed.description!.split('\n')[1]).toBe('▲ 3');
  });

  it('GIVEN a hostile card and any budget THEN the embed stays within it and keeps title, signals and the arXiv link', () => {
    const [card] = adversarialCards(1);
    for (const budget of [300, 450, 600, 1000, 2500, 6000]) {
      const embed = cardEmbed(card!, { position: 10 }, budget);
      expect(embedLength(embed)).toBeLessThanOrEqual(budget);
      expect(embed.title).toMatch(/^10\. alpha bravo @\u200beveryone/);
      expect(embed.description).toContain('[arXiv](https://arxiv.org/abs/2601.00000)');
      expect(embed.description).toContain('▲ 100');
    }
  });
});

describe('a digest post', () => {
  it('GIVEN 10 papers with 10 kB summaries and 300-character titles full of *_~| and @everyone THEN every limit holds', () => {
    const post = digestPost(hostileDigest());
    expectWithinLimits(post);
    expect(post.embeds).toHaveLength(10);
    expect(post.content.length).toBeLessThanOrEqual(2000);
    expect(JSON.stringify(post)).not.toMatch(/@everyone|@here/);
    for (const [i, embed] of post.embeds.entries()) {
      expect(embed.title!.length).toBeLessThanOrEqual(256);
      expect(embed.description!.length).toBeLessThanOrEqual(4096);
      expect(embed.title!.replace(/…$/, '')).not.toMatch(UNESCAPED);
      expect(
        hostileTitle(i).startsWith(
          unescape(embed.title!)
            .replace(/^\d+\. /, '')
            .replace(/…$/, ''),
        ),
      ).toBe(true);
      expect(embed.description).toContain(`[arXiv](https://arxiv.org/abs/2601.0000${i})`);
      // javascript: and oversized URLs never reach Discord (it would reject the whole message).
      expect(JSON.stringify(embed)).not.toContain('javascript:');
      if (embed.thumbnail) expect(embed.thumbnail.url.length).toBeLessThan(2048);
    }
  });

  it('GIVEN a long footer THEN the marker is its own last footer line, on the last embed only', () => {
    const digest = hostileDigest();
    const post = digestPost(digest);
    expect(post.embeds.filter((e) => e.footer)).toHaveLength(1);
    expect(hasMarker(post.embeds[9]!, digest.marker)).toBe(true);
    expect(post.embeds[9]!.footer!.text.endsWith(`\n${digest.marker}`)).toBe(true);
    expect(hasMarker({ footer: { text: 'x\npb-2917hcv7qbm6' } }, digest.marker)).toBe(false);
  });

  it('GIVEN an empty digest THEN one embed says so, with the marker', () => {
    const post = digestPost({ ...hostileDigest([]), emptyText: 'Nothing new matched your topics since Monday.' });
    expect(post.embeds).toEqual([
      { description: 'Nothing new matched your topics since Monday.', footer: { text: expect.stringMatching(/pb-2917hcv7qbm60$/) } },
    ]);
  });

  it('GIVEN thread mode THEN a header message with the marker and one message per paper, each within limits', () => {
    const { header, papers } = digestThreadPosts(hostileDigest());
    expectWithinLimits(header);
    expect(hasMarker(header.embeds[0]!, 'pb-2917hcv7qbm60')).toBe(true);
    expect(papers).toHaveLength(10);
    for (const paper of papers) expectWithinLimits(paper);
  });
});

describe('a reply', () => {
  it('GIVEN hits with paging and share THEN numbered cards from the offset and one action row of ≤ 100-character ids', () => {
    const reply: Reply = {
      ...privateReply('Papers 6–7, best first.'),
      title: 'Search: backtracking',
      hits: [makeHit('2401.00001'), makeHit('2401.00002')],
      paging: { subcommand: 'search', options: { query: 'backtracking' }, offset: 5, limit: 5, hasMore: true },
    };
    const rendered = renderReply(reply, {
      prev: `pb:prev:${'x'.repeat(12)}`,
      next: `pb:next:${'x'.repeat(12)}`,
      share: `pb:share:${'x'.repeat(12)}`,
    });
    expect(rendered.content).toBe('**Search: backtracking**\nPapers 6–7, best first.');
    expect(rendered.embeds.map((e) => e.title)).toEqual(['6. Paper 2401.00001', '7. Paper 2401.00002']);
    expect(rendered.components).toHaveLength(1);
    expect(messageProblems(rendered)).toEqual([]);
  });

  it('GIVEN text longer than a message THEN it moves into an embed and the fenced block stays closed', () => {
    const text = `**Usage:** \`/papers search\`\n\`\`\`\n${'words -word "phrase" author:x\n'.repeat(300)}\`\`\``;
    const rendered = renderReply({ ...privateReply(text), notes: ['a note'] });
    expect(rendered.content).toBe('-# a note');
    expect(rendered.embeds[0]!.description!.length).toBeLessThanOrEqual(4096);
    expect((rendered.embeds[0]!.description!.match(/```/g) ?? []).length % 2).toBe(0);
    expect(messageProblems(rendered)).toEqual([]);
  });

  it('GIVEN a digest preview with hostile cards THEN the preview holds the limits too', () => {
    const rendered = renderReply({
      ...privateReply(''),
      title: 'Digest preview',
      digest: hostileDigest(),
      notes: ['Only you can see this preview.'],
    });
    expectWithinLimits(rendered);
    expect(rendered.embeds.length).toBeLessThanOrEqual(10);
  });

  it('GIVEN a paper card reply THEN a single card has no number', () => {
    expect(renderReply({ ...privateReply('**Abstract.** x'), cards: [makeCard('2409.12917', 'T')] }).embeds[0]!.title).toBe('T');
  });
});

describe('limits helpers', () => {
  it('GIVEN astral characters THEN clip counts UTF-16 units and never splits a pair', () => {
    const clipped = clip('🧪'.repeat(200), 101);
    expect(clipped.length).toBeLessThanOrEqual(101);
    expect(clipped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('GIVEN sizes over the total THEN water filling caps the largest first', () => {
    expect(waterFill([100, 5000, 3000], 6000)).toEqual([100, 2950, 2950]);
    expect(waterFill([10, 20], 100)).toEqual([10, 20]);
  });
});
