/**
 * The fixed search query mix, the same at every corpus size: common-term queries as users type them, phrases,
 * rare terms (coined system names and long-tail words), mid-frequency terms, and filters. Words come from the
 * seeded corpus, so the mix is reproducible.
 */
import type { Corpus } from './corpus.ts';

/** One query of the mix and the group it reports under. */
export interface BenchQuery {
  text: string;
  kind: 'common' | 'phrase' | 'rare' | 'mid' | 'filter';
}

const COMMON = [
  'large language models',
  'reinforcement learning',
  'language models',
  'reasoning',
  'training data',
  'self reward',
  'agents policy',
  'diffusion models',
  'multimodal reasoning',
  'model performance',
  'policy optimization',
  'vision language models',
  'code generation',
  'mathematical reasoning',
  'LLM agents',
];

const PHRASES = [
  '"large language models"',
  '"chain of thought" reasoning',
  '"reinforcement learning" agents',
  '"mixture of experts"',
  '"world models"',
  '"test time scaling"',
];

const FILTERS = [
  'cat:cs.CV image generation',
  'reasoning since:30d',
  'author:wang reasoning',
  'org:nvidia models',
  'language models -survey',
  'llm OR agents',
  'RL agents',
  'cat:cs.CL large language models since:90d',
];

/** A coined system name ("TrustGeoGen: …") from the title of the first paper at or after `from` that has one. */
function coinedName(corpus: Corpus, from: number): string {
  for (let i = from; i < from + 200; i += 1) {
    const raw = corpus.batch(i, 1)[0]?.raw as { paper?: { title?: unknown } } | undefined;
    const title = String(raw?.paper?.title ?? '');
    const colon = title.indexOf(':');
    if (colon > 0 && !title.slice(0, colon).includes(' ')) return title.slice(0, colon);
  }
  throw new Error(`no coined name near paper ${from}`);
}

/** The mix for `corpus`; only papers < 8,000 are used, so every size from 10k up holds them all. */
export function queryMix(corpus: Corpus): BenchQuery[] {
  const word = (rank: number) => corpus.vocabulary[rank] as string;
  return [
    ...COMMON.map((text) => ({ text, kind: 'common' as const })),
    ...PHRASES.map((text) => ({ text, kind: 'phrase' as const })),
    ...[17, 1_234, 4_321, 7_654].map((i) => ({ text: coinedName(corpus, i), kind: 'rare' as const })),
    { text: word(20_000), kind: 'rare' },
    { text: `${word(25_000)} models`, kind: 'rare' },
    { text: `${word(30_000)} ${word(31_000)}`, kind: 'rare' },
    { text: `${word(2_000)} ${word(2_500)}`, kind: 'mid' },
    { text: word(1_500), kind: 'mid' },
    { text: `${word(800)} learning`, kind: 'mid' },
    { text: `${word(400)} ${word(600)} ${word(900)}`, kind: 'mid' },
    ...FILTERS.map((text) => ({ text, kind: 'filter' as const })),
  ];
}
