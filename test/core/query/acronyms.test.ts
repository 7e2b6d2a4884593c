import { describe, expect, it } from 'vitest';
import { ACRONYMS, LONG_FORMS, acronymFor, canonicalAcronym, expandAcronym } from '../../../src/core/query/acronyms.ts';
import { phraseKey } from '../../../src/core/query/text.ts';

describe('expandAcronym', () => {
  it.each([
    ['MCTS', ['monte carlo tree search']],
    ['mcts', ['monte carlo tree search']],
    ['RL', ['reinforcement learning']],
    ['PRM', ['process reward model', 'process reward']],
    ['SFT', ['supervised fine-tuning', 'supervised finetuning']],
    ['CoT', ['chain of thought']],
    ['KD', ['knowledge distillation']],
    ['SSM', ['state space model']],
    ['LLM', ['large language model']],
    ['LLMs', ['large language model']],
    ['llms', ['large language model']],
    ['VLMs', ['vision-language model']],
    ['MoE', ['mixture of experts']],
    ['LoRA', ['low-rank adaptation']],
    ['TTS', ['text-to-speech', 'test-time scaling']],
    ['diffusion', []],
    ['RMS', []],
    ['s', []],
    ['', []],
  ])('GIVEN %j THEN its long forms are %j', (word, forms) => {
    expect(expandAcronym(word)).toEqual(forms);
  });
});

describe('acronymFor', () => {
  it.each([
    ['monte carlo tree search', 'MCTS'],
    ['Monte-Carlo Tree Search', 'MCTS'],
    ['reinforcement learning', 'RL'],
    ['Reinforcement Learning from Human Feedback', 'RLHF'],
    ['process reward models', 'PRM'],
    ['process reward', 'PRM'],
    ['supervised finetuning', 'SFT'],
    ['supervised fine tuning', 'SFT'],
    ['chain-of-thought', 'CoT'],
    ['large language models', 'LLM'],
    ['state-space models', 'SSM'],
    ['low rank adaptation', 'LoRA'],
    ['learning reinforcement', null],
    ['tree search', null],
    ['', null],
  ])('GIVEN %j THEN the acronym is %j', (phrase, acronym) => {
    expect(acronymFor(phrase)).toBe(acronym);
  });
});

describe('the acronym table', () => {
  const REQUIRED =
    'RLHF RL PRM ORM MCTS SFT LLM VLM MLLM MoE DPO PPO GRPO RAG CoT ToT KD ViT GAN VAE NeRF SSM LoRA RLVR DRL NLP CV ASR TTS GNN MLP ICL KV OOD SOTA LM';

  it('GIVEN the acronyms users type THEN each is in the table with its usual spelling', () => {
    for (const acronym of REQUIRED.split(' ')) expect(canonicalAcronym(acronym.toLowerCase())).toBe(acronym);
  });

  it('GIVEN every long form THEN it leads back to its own acronym and no two spell the same tokens', () => {
    const keys = LONG_FORMS.map((l) => l.keyTokens.join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    for (const { acronym, longForms } of ACRONYMS) {
      for (const form of longForms) expect(acronymFor(form)).toBe(acronym);
    }
  });

  it('GIVEN every acronym THEN it is unique, has a long form, and is not itself a long form', () => {
    const names = ACRONYMS.map((a) => a.acronym.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const { acronym, longForms } of ACRONYMS) {
      expect(longForms.length).toBeGreaterThan(0);
      expect(longForms.every((f) => f === f.toLowerCase() && phraseKey(f).includes(' '))).toBe(true);
      expect(acronymFor(acronym)).toBeNull();
    }
  });

  it('GIVEN the long forms THEN longer ones come first, so `process reward model` wins over `process reward`', () => {
    const sizes = LONG_FORMS.map((l) => l.keyTokens.length);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });
});
