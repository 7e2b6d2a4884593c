import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registry } from '../../commands/index.ts';
import { decodeSlackText, parseArgumentText } from '../../src/core/argument-text.ts';

const ok = (subcommand: string, options: Record<string, string>) => ({ ok: true, subcommand, options });

describe('parseArgumentText — the documented examples', () => {
  it.each([
    [
      '/papers search "diffusion transformers" -survey since:30d',
      ok('search', { query: '"diffusion transformers" -survey', since: '30d' }),
    ],
    ['/papers subscribe author:"Yann LeCun"', ok('subscribe', { topic: 'author:"Yann LeCun"' })],
    ['/papers paper https://arxiv.org/abs/2409.12917', ok('paper', { id: 'https://arxiv.org/abs/2409.12917' })],
    [
      '/papers schedule time:09:00 timezone:Europe/Berlin days:weekdays',
      ok('schedule', { time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' }),
    ],
    ['/papers schedule timezone:"America/New_York"', ok('schedule', { timezone: 'America/New_York' })],
  ])('GIVEN %j THEN it parses as documented', (text, expected) => {
    expect(parseArgumentText(text, registry)).toEqual(expected);
  });
});

describe('parseArgumentText — more cases', () => {
  it.each([
    ['search diffusion', ok('search', { query: 'diffusion' }), 'no leading /papers'],
    ['/PAPERS SEARCH Diffusion', ok('search', { query: 'Diffusion' }), 'case-insensitive command and subcommand, query verbatim'],
    ['search\tdiffusion\nmodels', ok('search', { query: 'diffusion\nmodels' }), 'tabs and newlines are whitespace, inner text verbatim'],
    ['search diffusion &amp; flow', ok('search', { query: 'diffusion & flow' }), 'Slack &amp;'],
    ['search &lt;b&gt; &amp;lt;', ok('search', { query: '<b> &lt;' }), 'Slack &lt; &gt;, decoded once'],
    [
      'paper <https://arxiv.org/abs/2409.12917|arxiv.org/abs/2409.12917>',
      ok('paper', { id: 'https://arxiv.org/abs/2409.12917' }),
      'Slack labelled link',
    ],
    ['paper <https://arxiv.org/abs/2409.12917>', ok('paper', { id: 'https://arxiv.org/abs/2409.12917' }), 'Slack bare link'],
    [
      'paper id:<https://huggingface.co/papers/2409.12917>',
      ok('paper', { id: 'https://huggingface.co/papers/2409.12917' }),
      'Slack link as option value',
    ],
    ['search <#C123|general> diffusion', ok('search', { query: '#general diffusion' }), 'channel mention → #name'],
    ['search <#C123> diffusion', ok('search', { query: '#C123 diffusion' }), 'channel mention without label → #id'],
    ['search <@U123> <@U456|bob> x', ok('search', { query: '@U123 @U456 x' }), 'user mentions kept as @id'],
    ['search <!here> x', ok('search', { query: '@here x' }), 'special mention'],
    ['search <not a link> x', ok('search', { query: '<not a link> x' }), 'angle brackets that are no Slack escape stay'],
    [
      'search \u201Cdiffusion transformers\u201D since:7d',
      ok('search', { query: '"diffusion transformers"', since: '7d' }),
      'curly double quotes',
    ],
    ['schedule timezone:\u201CAmerica/New_York\u201D', ok('schedule', { timezone: 'America/New_York' }), 'curly quotes around a value'],
    ['search don\u2019t panic', ok('search', { query: "don't panic" }), 'curly apostrophe'],
    ['search x LIMIT:5 Since:7d', ok('search', { query: 'x', limit: '5', since: '7d' }), 'option names case-insensitive'],
    ['schedule min-upvotes:10', ok('schedule', { min_upvotes: '10' }), 'dash reads as underscore'],
    ['search x limit:', ok('search', { query: 'x', limit: '' }), 'empty value kept for validation'],
    ['search x limit: 5', ok('search', { query: 'x 5', limit: '' }), 'a space after the colon leaves the value empty'],
    ['search https://example.com/a:b?c=d', ok('search', { query: 'https://example.com/a:b?c=d' }), 'URL with colons'],
    ['search 🔥 diffusion 🚀 limit:3', ok('search', { query: '🔥 diffusion 🚀', limit: '3' }), 'emoji'],
    ['search "limit:5 things" x', ok('search', { query: '"limit:5 things" x' }), 'option-like text inside quotes is text'],
    ['search a   since:7d   b', ok('search', { query: 'a b', since: '7d' }), 'whitespace where an option was collapses'],
    ['search a  b since:7d', ok('search', { query: 'a  b', since: '7d' }), 'other whitespace verbatim'],
    ['search since:7d diffusion models', ok('search', { query: 'diffusion models', since: '7d' }), 'options first'],
    ['search cat:cs.LG org:nvidia', ok('search', { query: 'cat:cs.LG org:nvidia' }), 'query filters are not options'],
    ['search -since:7d x', ok('search', { query: '-since:7d x' }), 'a negated word is text'],
    ['search query:"a b" since:7d', ok('search', { query: 'a b', since: '7d' }), 'positional option named explicitly'],
    ['search x since:"30d"', ok('search', { since: '30d', query: 'x' }), 'quoted simple value'],
    ['schedule timezone:"Europe/Berlin', ok('schedule', { timezone: 'Europe/Berlin' }), 'unclosed quoted value runs to the end'],
    ['search "abc since:7d', ok('search', { query: '"abc since:7d' }), 'unclosed quote in text swallows the rest'],
    ['subscribe topic: diffusion', ok('subscribe', { topic: 'diffusion' }), 'empty positional option yields to the text'],
    ['trending week topic:cat:cs.CV', ok('trending', { period: 'week', topic: 'cat:cs.CV' }), 'value containing a colon'],
    ['help search', ok('help', { subcommand: 'search' }), 'help positional'],
    ['digest now', ok('digest', { mode: 'now' }), 'digest mode'],
    ['topics', ok('topics', {}), 'no options'],
    ['schedule 08:30 size:3', ok('schedule', { time: '08:30', size: '3' }), 'time positional'],
  ])('GIVEN %j THEN %j (%s)', (text, expected) => {
    expect(parseArgumentText(text, registry)).toEqual(expected);
  });

  it.each(['', '   ', '/papers', '/papers   ', '\n'])('GIVEN empty text %j THEN it asks for the general help', (text) => {
    expect(parseArgumentText(text, registry)).toMatchObject({ ok: false, reason: 'empty', subcommand: null });
  });

  it.each([
    ['/papers foo bar', 'foo'],
    ['🔥', '🔥'],
    ['/paperssearch x', '/paperssearch'],
  ])('GIVEN the unknown subcommand in %j THEN the general help names it', (text, word) => {
    const result = parseArgumentText(text, registry);
    expect(result).toMatchObject({ ok: false, reason: 'unknown-subcommand', subcommand: null });
    expect(result.ok === false && result.message).toContain(word);
  });

  it.each([
    ['search x since:7d since:2w', 'search', 'twice'],
    ['schedule time:09:00 TIME:10:00', 'schedule', 'twice'],
    ['search query:a b', 'search', 'not both'],
    ['topics extra words', 'topics', 'takes no text'],
  ])('GIVEN %j THEN it is invalid and shows the help of %s', (text, subcommand, words) => {
    const result = parseArgumentText(text, registry);
    expect(result).toMatchObject({ ok: false, reason: 'invalid', subcommand });
    expect(result.ok === false && result.message).toContain(words);
  });

  it('GIVEN 5,000 characters THEN it parses in linear time and keeps the text verbatim', () => {
    const words = 'diffusion '.repeat(500).trim();
    const started = performance.now();
    const result = parseArgumentText(`search ${words} since:7d`, registry);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result).toEqual(ok('search', { query: words, since: '7d' }));
  });

  it('GIVEN 5,000 quotes and colons THEN it still returns', () => {
    expect(parseArgumentText(`search ${'":a:'.repeat(1250)}`, registry).ok).toBe(true);
  });
});

describe('decodeSlackText', () => {
  it('GIVEN &amp;lt; THEN it decodes only one level', () => {
    expect(decodeSlackText('&amp;lt;')).toBe('&lt;');
  });

  it('GIVEN an auto-linked e-mail address THEN the address as typed', () => {
    expect(decodeSlackText('org:<mailto:team@nvidia.com|team@nvidia.com>')).toBe('org:team@nvidia.com');
  });

  it('GIVEN a date escape THEN its fallback text is kept', () => {
    expect(decodeSlackText('<!date^1392734382^{date}|Feb 18, 2014>')).toBe('Feb 18, 2014');
  });
});

const pieces = [
  'search',
  'subscribe',
  'schedule',
  'paper',
  '/papers',
  ' ',
  '  ',
  ':',
  '"',
  '\u201C',
  "'",
  'since',
  'limit',
  'time',
  'timezone',
  'topic',
  'query',
  '<',
  '>',
  '|',
  '&amp;',
  '&lt;',
  '<#C1|x>',
  '<@U1>',
  '<https://a.b/c|d>',
  '-',
  'OR',
  '🔥',
  '\n',
  'x',
  '09:00',
];

describe('parseArgumentText — properties', () => {
  it('GIVEN 10,000 random strings THEN it never throws and always answers ok or a typed failure', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = parseArgumentText(input, registry);
        if (result.ok) expect(registry.map((s) => s.name)).toContain(result.subcommand);
        else expect(['empty', 'unknown-subcommand', 'invalid']).toContain(result.reason);
      }),
      { numRuns: 10_000 },
    );
  });
});
