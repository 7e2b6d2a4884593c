/**
 * ML acronyms users type and the long forms papers spell out, so `MCTS` finds "Monte Carlo tree
 * search" and back. Long forms are lower-case; spellings the FTS tokenizer sees as the same tokens
 * (`state-space` / `state space`) are listed once, spellings it sees differently (`finetuning` /
 * `fine-tuning`) each.
 */
import { phraseKey, singular, tokens, trimEdges, fold } from './text.ts';

/** One acronym in its usual spelling and the long forms it stands for. */
export interface Acronym {
  acronym: string;
  longForms: readonly string[];
}

const TABLE: ReadonlyArray<readonly [string, ...string[]]> = [
  ['RLHF', 'reinforcement learning from human feedback'],
  ['RLAIF', 'reinforcement learning from ai feedback'],
  ['RLVR', 'reinforcement learning with verifiable rewards', 'reinforcement learning from verifiable rewards'],
  ['RL', 'reinforcement learning'],
  ['DRL', 'deep reinforcement learning'],
  ['MARL', 'multi-agent reinforcement learning'],
  ['IRL', 'inverse reinforcement learning'],
  ['PRM', 'process reward model', 'process reward'],
  ['ORM', 'outcome reward model', 'outcome reward'],
  ['RM', 'reward model'],
  ['MCTS', 'monte carlo tree search'],
  ['SFT', 'supervised fine-tuning', 'supervised finetuning'],
  ['PEFT', 'parameter-efficient fine-tuning', 'parameter-efficient finetuning'],
  ['LoRA', 'low-rank adaptation'],
  ['LLM', 'large language model'],
  ['LRM', 'large reasoning model'],
  ['LM', 'language model'],
  ['VLM', 'vision-language model'],
  ['LVLM', 'large vision-language model'],
  ['MLLM', 'multimodal large language model', 'multi-modal large language model'],
  ['VLA', 'vision-language-action model', 'vision-language-action'],
  ['MoE', 'mixture of experts'],
  ['DPO', 'direct preference optimization'],
  ['PPO', 'proximal policy optimization'],
  ['GRPO', 'group relative policy optimization'],
  ['RAG', 'retrieval-augmented generation'],
  ['CoT', 'chain of thought'],
  ['ToT', 'tree of thoughts'],
  ['ICL', 'in-context learning'],
  ['KD', 'knowledge distillation'],
  ['ViT', 'vision transformer'],
  ['DiT', 'diffusion transformer'],
  ['GAN', 'generative adversarial network'],
  ['VAE', 'variational autoencoder', 'variational auto-encoder'],
  ['SAE', 'sparse autoencoder', 'sparse auto-encoder'],
  ['NeRF', 'neural radiance field'],
  ['3DGS', '3d gaussian splatting'],
  ['SSM', 'state space model'],
  ['GNN', 'graph neural network'],
  ['CNN', 'convolutional neural network'],
  ['RNN', 'recurrent neural network'],
  ['LSTM', 'long short-term memory'],
  ['MLP', 'multilayer perceptron', 'multi-layer perceptron'],
  ['NAS', 'neural architecture search'],
  ['SGD', 'stochastic gradient descent'],
  ['ML', 'machine learning'],
  ['DL', 'deep learning'],
  ['NLP', 'natural language processing'],
  ['NLU', 'natural language understanding'],
  ['CV', 'computer vision'],
  ['ASR', 'automatic speech recognition'],
  // Both readings are common in current papers; a user typing TTS means whichever the paper does.
  ['TTS', 'text-to-speech', 'test-time scaling'],
  ['TTA', 'test-time adaptation'],
  ['OCR', 'optical character recognition'],
  ['VQA', 'visual question answering'],
  ['QA', 'question answering'],
  ['NER', 'named entity recognition'],
  ['KG', 'knowledge graph'],
  ['KV', 'key-value'],
  ['OOD', 'out-of-distribution'],
  ['SOTA', 'state of the art'],
  ['AGI', 'artificial general intelligence'],
];

/** Every known acronym with its long forms, in table order. */
export const ACRONYMS: readonly Acronym[] = TABLE.map(([acronym, ...longForms]) => ({ acronym, longForms }));

/** A long form with the acronym it belongs to and its singular tokens, for spotting it among typed words. */
export interface LongForm {
  acronym: string;
  form: string;
  keyTokens: readonly string[];
}

/** Every long form, those with the most tokens first so `process reward model` wins over `process reward`. */
export const LONG_FORMS: readonly LongForm[] = ACRONYMS.flatMap((a) =>
  a.longForms.map((form) => ({ acronym: a.acronym, form, keyTokens: tokens(form).map(singular) })),
).sort((x, y) => y.keyTokens.length - x.keyTokens.length);

const BY_ACRONYM = new Map(ACRONYMS.map((a) => [a.acronym.toLowerCase(), a]));
const BY_KEY = new Map(LONG_FORMS.map((l) => [l.keyTokens.join(' '), l.acronym]));
// Words that look like an acronym's plural but are their own thing: RMS is root mean square, not reward models.
const NOT_PLURALS = new Set(['rms']);

function lookup(word: string): Acronym | undefined {
  const w = trimEdges(fold(word));
  const direct = BY_ACRONYM.get(w);
  if (direct || !w.endsWith('s') || NOT_PLURALS.has(w)) return direct;
  return BY_ACRONYM.get(w.slice(0, -1));
}

/** The long forms (lower-case) of a known acronym, plural allowed (`LLMs`); empty when it is none. */
export function expandAcronym(word: string): string[] {
  return [...(lookup(word)?.longForms ?? [])];
}

/** The acronym in its usual spelling (`MCTS`, `LoRA`) that `phrase` spells out, or null. */
export function acronymFor(phrase: string): string | null {
  return BY_KEY.get(phraseKey(phrase)) ?? null;
}

/** The usual spelling of a known acronym (`llms` → `LLM`), or null. */
export function canonicalAcronym(word: string): string | null {
  return lookup(word)?.acronym ?? null;
}
