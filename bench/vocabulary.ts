/**
 * The corpus vocabulary: the real sample papers' own words, most frequent first, form the head of a Zipf
 * distribution (so "language", "models", "learning" are as common as in real ML abstracts), and seeded
 * pronounceable made-up words fill the long tail up to {@link VOCABULARY_SIZE} terms.
 */
import { seededRandom, intBetween, pick, type Random } from './rng.ts';

/** Distinct terms the generator draws from (the issue asks for at least 50k). */
export const VOCABULARY_SIZE = 60_000;

/**
 * Multi-word terms of the field, most used first. Real abstracts repeat these as units, which independent
 * word draws never would; phrase queries ("large language models") need them.
 */
export const COLLOCATIONS: readonly string[] = [
  'large language models',
  'reinforcement learning',
  'diffusion models',
  'vision language models',
  'chain of thought',
  'multimodal large language models',
  'state of the art',
  'retrieval augmented generation',
  'mixture of experts',
  'text to image',
  'in context learning',
  'instruction tuning',
  'image generation',
  'video generation',
  'graph neural networks',
  'question answering',
  'code generation',
  'preference optimization',
  'reward model',
  'knowledge distillation',
  'mathematical reasoning',
  'long context',
  'test time scaling',
  'world models',
  'vision transformer',
  'object detection',
  'semantic segmentation',
  'speech recognition',
  'contrastive learning',
  'self supervised learning',
  'federated learning',
  'neural radiance fields',
  'autonomous driving',
  'tool use',
  'speculative decoding',
  'low rank adaptation',
  'sparse autoencoders',
  'embodied agents',
  'protein structure prediction',
  'time series forecasting',
];

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'j',
  'k',
  'kl',
  'l',
  'm',
  'n',
  'p',
  'pr',
  'qu',
  'r',
  's',
  'st',
  'sh',
  't',
  'tr',
  'v',
  'w',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', 'n', 'r', 's', 'l', 'x', 'nd', 'rt', 'st', 'm', 'ph'];

/** A pronounceable made-up word of 2–4 syllables. */
export function madeUpWord(random: Random): string {
  let word = '';
  const syllables = intBetween(random, 2, 4);
  for (let i = 0; i < syllables; i += 1) word += pick(random, ONSETS) + pick(random, VOWELS);
  return word + pick(random, CODAS);
}

/** Lower-case words of `text`, letters only (numbers and symbols are not vocabulary). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+/g) ?? [];
}

/** The vocabulary, most frequent first: the sample's words by count (ties alphabetical), then made-up words. */
export function buildVocabulary(sampleTexts: readonly string[], seed: number): string[] {
  const counts = new Map<string, number>();
  for (const text of sampleTexts) for (const word of wordsOf(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const head = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
  const seen = new Set(head);
  const random = seededRandom(seed);
  const vocabulary = [...head];
  while (vocabulary.length < VOCABULARY_SIZE) {
    const word = madeUpWord(random);
    if (seen.has(word)) continue;
    seen.add(word);
    vocabulary.push(word);
  }
  return vocabulary;
}
