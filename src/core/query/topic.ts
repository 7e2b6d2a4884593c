/** Channel topics (and `/papers trending topic:`) turned into what the candidate pool matches. */
import type { TopicQuery } from '../ports.ts';
import { compileQuery } from './compile.ts';
import { describeQuery, normalizeQuery } from './format.ts';
import { parseQuery } from './parse.ts';

/** A topic ready to match: its pool key, its label for reason lines, and the compiled query. */
export interface CompiledTopic {
  key: string;
  /** describeQuery of the topic: "matches *<label>*". */
  label: string;
  query: TopicQuery;
}

/** Compiles topic text; throws QuerySyntaxError when it does not parse. `key` defaults to its normalized form. */
export function compileTopic(topic: string, key?: string): CompiledTopic {
  const parsed = parseQuery(topic, { allowSince: false });
  const { text, exclude } = compileQuery(parsed);
  const query: TopicQuery = { key: key ?? normalizeQuery(parsed), text, exclude };
  if (parsed.categories.length > 0) query.categories = [...parsed.categories];
  if (parsed.orgs.length > 0) query.orgs = [...parsed.orgs];
  return { key: query.key, label: describeQuery(parsed), query };
}
