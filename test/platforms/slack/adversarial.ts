/**
 * Hostile paper data for the Slack renderer: broadcast mentions, user mentions, `&<>`, formatting characters,
 * fake links, astral characters, overlong titles and 10 kB abstracts, bad URLs. As neutral cards (unit tests)
 * and as Daily Papers items (ingested by the end-to-end tests).
 */
import type { PaperCard } from '../../../src/core/card.ts';
import type { Digest } from '../../../src/core/digest/model.ts';

/** Strings that would ping, link or format if they reached Slack unescaped. */
export const HOSTILE = [
  '<!channel>',
  '<!here|here>',
  '<!everyone>',
  '<@U0ADMIN>',
  '<!subteam^S0TEAM>',
  '@here',
  '@channel hello',
  '<#C0GENERAL|general>',
  '<https://evil.example|click me>',
  '&amp; & &lt; <b> > <<>>',
  '*bold* _italic_ ~strike~ `code` ```fence```',
  '| pipes | in | labels |',
  '🧪🔬 astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

const TEN_KB = `${HOSTILE.join(' ')} `.repeat(Math.ceil(10_240 / HOSTILE.join(' ').length));

/** Ten titles, each hostile in its own way. */
export const TITLES = [
  `<!channel> ${'Attention & Transformers <3 '.repeat(20)}`,
  '*'.repeat(300),
  '&'.repeat(400),
  '<@U0ADMIN> says $O(n^2)$ \\alpha-blending > <!here>',
  '🧪'.repeat(200),
  HOSTILE.join(' '),
  `${'<'.repeat(120)}${'>'.repeat(120)}`,
  'A perfectly normal title about diffusion models',
  `@everyone ${'x'.repeat(1000)}`,
  '<https://evil.example|Totally legit paper>',
];

/** Ten hostile cards. */
export function adversarialCards(): PaperCard[] {
  return TITLES.map((title, i) => ({
    id: `2601.${String(i + 1).padStart(5, '0')}`,
    title,
    url: i === 9 ? 'javascript:alert(1)' : `https://huggingface.co/papers/2601.${String(i + 1).padStart(5, '0')}`,
    authors: Array.from({ length: 60 }, (_, j) => `<!everyone> Author ${j} & <@U${j}>`).join(', '),
    organization: '<!here> Org & Co <script>',
    upvotes: 100 - i,
    comments: i,
    stars: i * 1000,
    summary: TEN_KB,
    links: [
      { label: 'arXiv', url: `https://arxiv.org/abs/2601.0000${i}` },
      { label: 'PDF', url: `https://arxiv.org/pdf/2601.0000${i}` },
      { label: 'code', url: 'https://github.com/x/y?a=1&b=<2>|z' },
      { label: 'project', url: i % 2 === 0 ? 'javascript:alert(1)' : `https://example.com/${'p'.repeat(2500)}` },
    ],
    thumbnail:
      i % 3 === 0 ? `https://cdn.example/${'t'.repeat(4000)}.png` : i % 3 === 1 ? 'javascript:alert(1)' : 'https://cdn.example/thumb.png',
    reason: 'matches *<!channel> & diffusion* · +42 upvotes today',
  }));
}

/** A digest of those cards with hostile footer lines. */
export function adversarialDigest(): Digest {
  return {
    channel: { platform: 'slack', channelId: 'C0HOSTILE' },
    slotKey: '2026-01-05',
    header: `Trending papers · <!channel> ${'&'.repeat(200)}`,
    cards: adversarialCards(),
    emptyText: null,
    footer: Array.from({ length: 14 }, (_, i) => `${HOSTILE[i % HOSTILE.length]} footer ${i}`),
    marker: 'pb-1x2y3z',
  };
}

/** The same hostility as Daily Papers items submitted `hoursAgo` before `now`, ready for `ingest --from-file`. */
export function adversarialItems(now: Date, hoursAgo = 3): unknown[] {
  const at = new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  return TITLES.map((title, i) => {
    const id = `2601.${String(i + 1).padStart(5, '0')}`;
    return {
      paper: {
        id,
        authors: Array.from({ length: 60 }, (_, j) => ({ name: `<!everyone> Author ${j} & <@U${j}>`, hidden: false })),
        publishedAt: at,
        submittedOnDailyAt: at,
        title,
        summary: TEN_KB,
        ai_summary: TEN_KB,
        upvotes: 100 - i,
        githubRepo: `https://github.com/hostile/repo-${i}?a=1&b=2`,
        projectPage: `https://example.com/${'p'.repeat(2500)}`,
        organization: { name: '<!here> Org & Co', fullname: '<!here> Org & Co <script>' },
      },
      publishedAt: at,
      title,
      summary: TEN_KB,
      numComments: i,
      thumbnail: i % 2 === 0 ? `https://cdn.example/${id}.png` : 'javascript:alert(1)',
    };
  });
}
