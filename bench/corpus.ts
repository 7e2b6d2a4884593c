/**
 * The seeded benchmark corpus: Hugging Face Daily Papers items (the shape `parseHfItems` reads) with titles of
 * ~12 words and abstracts of ~180 drawn from a Zipf vocabulary, Zipf-popular authors and organizations,
 * heavy-tailed upvotes, two years of dates ending in one busy day, and the 44 real sample papers mixed in.
 * Item i depends only on (seed, i), so any batch can be generated alone and every run sees the same corpus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, FAMILY_NAMES, GIVEN_NAMES, ORGANIZATIONS } from './corpus-names.ts';
import { intBetween, normal, pareto, pick, seededRandom, streamSeed, zipfSampler, type Random } from './rng.ts';
import { COLLOCATIONS, buildVocabulary, madeUpWord } from './vocabulary.ts';

/** The repository root (bench/ lives directly under it). */
export const ROOT = join(import.meta.dirname, '..');

/** The default seed: every published figure was measured on this corpus. */
export const DEFAULT_SEED = 20_251_120;

/** The busy last day: digests are computed over its papers (HF stamps a daily list with 00:00 UTC). */
export const DIGEST_DAY = new Date('2025-11-20T00:00:00.000Z');

/** Synthetic papers spread over this many days before {@link DIGEST_DAY}. */
const SPAN_DAYS = 730;

/** Papers on the digest day (the "one day's 2,000 new papers"), fewer for tiny corpora. */
export const DAY_PAPERS = 2_000;

/** One generated item: the raw Hugging Face JSON plus the arXiv categories an arXiv listing would add. */
export interface CorpusItem {
  raw: Record<string, unknown>;
  categories: string[];
}

/** A corpus of `size` papers. */
export interface Corpus {
  size: number;
  seed: number;
  /** Papers stamped with {@link DIGEST_DAY}: the last `dayPapers` items. */
  dayPapers: number;
  vocabulary: readonly string[];
  /** Items [start, start + count). */
  batch(start: number, count: number): CorpusItem[];
}

type Sampler = (random: Random) => number;

/** The 44 real papers bundled for the demo, as Hugging Face returned them. */
export function loadSampleItems(): Array<Record<string, unknown>> {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures/hf-daily-papers.sample.json'), 'utf8')) as Array<Record<string, unknown>>;
}

function sampleTexts(items: ReadonlyArray<Record<string, unknown>>): string[] {
  return items.map((item) => {
    const paper = item.paper as { title?: unknown; summary?: unknown };
    return `${String(paper.title ?? '')} ${String(paper.summary ?? '')}`;
  });
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
const SMALL_WORDS = new Set(['a', 'an', 'and', 'for', 'in', 'of', 'on', 'the', 'to', 'with', 'via', 'by']);

/** Creates the corpus generator for `size` papers. */
export function createCorpus(size: number, seed = DEFAULT_SEED): Corpus {
  const samples = loadSampleItems();
  const vocabulary = buildVocabulary(sampleTexts(samples), seed);
  const word: Sampler = zipfSampler(vocabulary.length, 1);
  const collocation: Sampler = zipfSampler(COLLOCATIONS.length, 1);
  const family: Sampler = zipfSampler(4_000, 1);
  const given: Sampler = zipfSampler(GIVEN_NAMES.length, 1);
  const organization: Sampler = zipfSampler(ORGANIZATIONS.length, 1);
  const category: Sampler = zipfSampler(CATEGORIES.length, 1);
  const nameRandom = seededRandom(streamSeed(seed, -1));
  // Real family names first, then made-up ones, so `author:` finds a few prolific names and a long tail.
  const families = [...FAMILY_NAMES, ...Array.from({ length: 4_000 - FAMILY_NAMES.length }, () => capitalize(madeUpWord(nameRandom)))];
  const dayPapers = Math.min(DAY_PAPERS, Math.floor(size / 5));
  const spread = size - dayPapers;
  // The real papers sit at evenly spaced positions among the synthetic ones, with their own ids and dates.
  const sampleAt = new Map<number, Record<string, unknown>>();
  const sampleCount = Math.min(samples.length, Math.floor(spread / 2));
  for (let k = 0; k < sampleCount; k += 1)
    sampleAt.set(Math.floor(((k + 0.5) * spread) / sampleCount), samples[k] as Record<string, unknown>);
  if (spread / (SPAN_DAYS / 31) + dayPapers >= 45_000)
    throw new Error(`a corpus of ${size} papers overflows the synthetic id range of one month`);

  const words = (random: Random, n: number): string[] => Array.from({ length: n }, () => vocabulary[word(random)] as string);

  function sentence(random: Random, length: number): string {
    const out = words(random, length);
    if (random() < 0.3) out.splice(intBetween(random, 0, out.length), 0, COLLOCATIONS[collocation(random)] as string);
    return `${capitalize(out.join(' '))}.`;
  }

  function abstract(random: Random): string {
    const target = Math.round(Math.min(300, Math.max(80, normal(random, 180, 35))));
    const sentences: string[] = [];
    for (let n = 0; n < target;) {
      const length = Math.min(intBetween(random, 14, 26), target - n);
      sentences.push(sentence(random, Math.max(length, 3)));
      n += length;
    }
    return sentences.join(' ');
  }

  function title(random: Random): string {
    const out = words(random, Math.round(Math.min(18, Math.max(6, normal(random, 11, 2.5)))));
    if (random() < 0.5) out.splice(intBetween(random, 0, out.length), 0, COLLOCATIONS[collocation(random)] as string);
    const text = out.map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : capitalize(w))).join(' ');
    // Many real titles open with a coined system name: a rare term users search for.
    return random() < 0.4 ? `${capitalize(madeUpWord(random))}${capitalize(madeUpWord(random))}: ${text}` : text;
  }

  function authors(random: Random): Array<{ name: string; hidden: boolean }> {
    const n = Math.min(30, Math.floor(pareto(random, 1.4) * 2.5));
    return Array.from({ length: n }, () => ({
      name: `${GIVEN_NAMES[given(random)] as string} ${families[family(random)] as string}`,
      hidden: false,
    }));
  }

  function dateOf(i: number): Date {
    if (i >= spread) return DIGEST_DAY;
    const day = SPAN_DAYS - Math.floor((i * SPAN_DAYS) / spread);
    return new Date(DIGEST_DAY.getTime() - day * 86_400_000);
  }

  function item(i: number): CorpusItem {
    const random = seededRandom(streamSeed(seed, i));
    const primary = CATEGORIES[category(random)] as string;
    const extra = Array.from({ length: intBetween(random, 0, 2) }, () => CATEGORIES[category(random)] as string);
    const categories = [...new Set([primary, ...extra])];
    const sample = sampleAt.get(i);
    if (sample) return { raw: sample, categories };
    const date = dateOf(i);
    const yymm = date.toISOString().slice(2, 7).replace('-', '');
    const id = `${yymm}.${50_000 + (i % 45_000)}`;
    const upvotes = Math.min(3_000, Math.floor(pareto(random, 1.1)) - 1);
    const text = abstract(random);
    const org = random() < 0.3 ? (ORGANIZATIONS[organization(random)] as string) : null;
    const repo = random() < 0.4 ? `https://github.com/${madeUpWord(random)}/${madeUpWord(random)}` : null;
    const keywords = Array.from({ length: intBetween(random, 3, 6) }, () =>
      random() < 0.4 ? (COLLOCATIONS[collocation(random)] as string) : (vocabulary[50 + (word(random) % 5_000)] as string),
    );
    const submitted = date.toISOString();
    const paper: Record<string, unknown> = {
      id,
      title: title(random),
      summary: text,
      authors: authors(random),
      publishedAt: new Date(date.getTime() - intBetween(random, 0, 3) * 86_400_000).toISOString(),
      submittedOnDailyAt: submitted,
      upvotes,
      ai_keywords: [...new Set(keywords)],
    };
    if (random() < 0.6) paper.ai_summary = text.slice(0, text.indexOf('.') + 1);
    if (repo) {
      paper.githubRepo = repo;
      paper.githubStars = Math.min(50_000, Math.floor(pareto(random, 0.9)) - 1);
    }
    if (org) paper.organization = { name: org.toLowerCase().replace(/\s+/g, '-'), fullname: org };
    const raw: Record<string, unknown> = {
      paper,
      publishedAt: paper.publishedAt,
      title: paper.title,
      summary: text,
      numComments: Math.floor(upvotes * random() * 0.1),
      thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
    };
    return { raw, categories };
  }

  return {
    size,
    seed,
    dayPapers,
    vocabulary,
    batch: (start, count) => Array.from({ length: Math.max(0, Math.min(count, size - start)) }, (_, k) => item(start + k)),
  };
}

/** A word at a Zipf rank of the corpus vocabulary (0 = most common), for building queries of known frequency. */
export function wordAtRank(corpus: Corpus, rank: number): string {
  return corpus.vocabulary[rank] as string;
}

/** A random element, re-exported for query builders. */
export { pick };
