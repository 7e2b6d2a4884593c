import { describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { specProblems } from '../../src/core/spec-check.ts';
import { setup } from './harness.ts';

describe('the /papers registry', () => {
  it('GIVEN the registry THEN it meets Discord registration limits and every example parses', () => {
    expect(specProblems(registry)).toEqual([]);
  });

  it('GIVEN the registry THEN it holds the documented subcommands in the order of the README table', () => {
    expect(registry.map((s) => s.name)).toEqual([
      'search',
      'trending',
      'paper',
      'subscribe',
      'unsubscribe',
      'topics',
      'schedule',
      'digest',
      'pause',
      'resume',
      'status',
      'help',
    ]);
  });

  it('GIVEN autocomplete THEN exactly unsubscribe topic and schedule timezone declare it', () => {
    const declared = registry.flatMap((s) => s.options.filter((o) => o.autocomplete).map((o) => `${s.name} ${o.name}`));
    expect(declared).toEqual(['unsubscribe topic', 'schedule timezone']);
  });

  it('GIVEN a spec with a bad name, a long description and optional-before-required THEN specProblems lists each', () => {
    const [search] = registry;
    if (!search) throw new Error('empty registry');
    const bad = { ...search, name: 'Bad Name', description: 'x'.repeat(101), options: [...search.options].reverse(), examples: [] };
    expect(specProblems([bad])).toEqual([
      'Bad Name: bad subcommand name',
      'Bad Name: description must be 1–100 characters',
      'Bad Name: required options must come first',
    ]);
  });

  it.each(registry.filter((s) => s.name !== 'help').map((s) => [s.name, s.examples] as const))(
    'GIVEN every example of %s run by a manager in a set-up channel THEN it is valid and runs',
    async (_name, examples) => {
      const { fake, invocation, text } = setup();
      await dispatch(invocation('subscribe', { topic: 'warm-up' }), fake.services, registry);
      for (const example of examples) expect(['ok', 'declined']).toContain((await text(example)).outcome);
    },
  );
});
