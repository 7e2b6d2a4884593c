/**
 * Hostile paper data for the Discord renderer: 300-character titles full of `*_~|`, `@everyone`, masked links,
 * mention syntax, 10 kB abstracts and summaries, astral characters, overlong or bad URLs. As neutral cards (unit
 * tests) and as Daily Papers items submitted just now (ingested by the end-to-end digest test).
 */
import type { PaperCard } from '../../../src/core/card.ts';

/** Markdown and mention syntax that would format or ping if it reached Discord unescaped. */
export const HOSTILE =
  '*_~|**bold** __under__ ~~strike~~ ||spoiler|| `code` [link](https://evil.example) <@123456789012345678> <t:0:R> # h > q @everyone @here';

const TEN_KB = `${HOSTILE} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧪 `.repeat(Math.ceil(10_240 / (HOSTILE.length + 12)));
/** Words no two titles share, so the digest's near-duplicate-title filter keeps all ten. */
const WORDS = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliett',
  'kilo',
  'lima',
  'mike',
  'november',
  'oscar',
  'papa',
  'quebec',
  'romeo',
  'sierra',
  'tango',
];

/** A 300-character title: its own words, `@everyone`, then `*_~|` to the end. */
export function hostileTitle(i: number): string {
  const head = `${WORDS[(2 * i) % 20] ?? 'x'} ${WORDS[(2 * i + 1) % 20] ?? 'y'} @everyone `;
  return (head + '*_~|'.repeat(80)).slice(0, 300);
}

/** Ten hostile cards. */
export function adversarialCards(n = 10): PaperCard[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `2601.${String(i + 1).padStart(5, '0')}`,
    title: hostileTitle(i),
    url: i === 9 ? 'javascript:alert(1)' : `https://huggingface.co/papers/2601.${String(i + 1).padStart(5, '0')}`,
    authors: Array.from({ length: 60 }, (_, j) => `@everyone Author_${j} *${j}*`).join(', '),
    organization: '@here Org || Co',
    upvotes: 100 - i,
    comments: i,
    stars: i * 1000,
    summary: TEN_KB,
    links: [
      { label: 'arXiv', url: `https://arxiv.org/abs/2601.0000${i}` },
      { label: 'PDF', url: `https://arxiv.org/pdf/2601.0000${i}` },
      { label: 'code', url: `https://github.com/x/y_(z)${'a'.repeat(i * 40)}` },
      { label: 'project', url: i % 2 === 0 ? 'javascript:alert(1)' : `https://example.com/${'p'.repeat(2500)}` },
    ],
    thumbnail:
      i % 3 === 0 ? `https://cdn.example/${'t'.repeat(4000)}.png` : i % 3 === 1 ? 'javascript:alert(1)' : 'https://cdn.example/thumb.png',
    reason: `matches *${HOSTILE}* · +42 upvotes today`,
  }));
}

/** Ten hostile Daily Papers items submitted `ageMs` ago (inside any digest window), for `paperboy ingest --from-file`. */
export function adversarialItems(now: Date, ageMs = 2 * 3_600_000): unknown[] {
  const at = new Date(now.getTime() - ageMs).toISOString();
  return Array.from({ length: 10 }, (_, i) => ({
    paper: {
      id: `2611.${String(90_001 + i)}`,
      authors: Array.from({ length: 40 }, (_, j) => ({ name: `@everyone Author_${j} *${i}*`, hidden: false })),
      publishedAt: at,
      submittedOnDailyAt: at,
      title: hostileTitle(i),
      summary: TEN_KB,
      ...(i % 2 === 0 ? { ai_summary: TEN_KB } : {}),
      upvotes: 50 + i,
      githubRepo: `https://github.com/hostile/repo-${i}`,
      organization: { fullname: '@here Org || Co', name: 'org' },
    },
    numComments: i,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2611.${90_001 + i}.png`,
  }));
}
