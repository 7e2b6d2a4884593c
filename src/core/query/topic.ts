/** Channel topics (and `/papers trending topic:`) turned into what the candidate pool matches. */
import type { TopicQuery } from '../ports.ts';
import { compileMatch, describeQuery, normalizeQuery, parseQuery } from './index.ts';

/** A topic ready to match: its pool key, its label for reason lines, and the compiled query. */
export interface CompiledTopic {
  key: string;
  /** describeQuery of the topic: "matches *<label>*". */
  label: string;
  query: TopicQuery;
}

/** Compiles topic text; throws QuerySyntaxError when it does not parse. `key` defaults to its normalized form. */
export function compileTopic(text: string, key?: string): CompiledTopic {
  const parsed = parseQuery(text, { allowSince: false });
  const { match, exclude } = compileMatch(parsed);
  const query: TopicQuery = { key: key ?? normalizeQuery(parsed), match, exclude };
  if (parsed.categories.length > 0) query.categories = [...parsed.categories];
  if (parsed.orgs.length > 0) query.orgs = [...parsed.orgs];
  return { key: query.key, label: describeQuery(parsed), query };
}
