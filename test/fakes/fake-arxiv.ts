/**
 * A loopback fake of arXiv for tests: rss.arxiv.org's `/rss/{cat}` and `/atom/{cat}` listings and the
 * export API's `/api/query`, serving the recorded fixtures and recording every request as received.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. */
export interface FakeResponse {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

/** A running fake. */
export interface FakeArxiv {
  /** Pass as `rssUrl`. */
  rssUrl: string;
  /** Pass as `apiUrl`. */
  apiUrl: string;
  /** Each request's path and query exactly as the client sent them, in arrival order. */
  requests: string[];
  /** Answers for the next `/api/query` requests, used in order before the default handler. */
  queueQuery(...responses: FakeResponse[]): void;
  close(): Promise<void>;
}

/** Options: listings by feed path (`rss/cs.LG`) and the default `/api/query` handler. */
export interface FakeArxivOptions {
  listings?: Record<string, string>;
  query?: (params: URLSearchParams) => FakeResponse;
}

/** The text of `test/fixtures/{name}`. */
export function readArxivFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

const DEFAULT_LISTINGS = (): Record<string, string> => ({
  'rss/cs.LG': readArxivFixture('arxiv-rss-listing.xml'),
  'rss/cs.AI': readArxivFixture('arxiv-rss-weekend.xml'),
  'atom/math.QA': readArxivFixture('arxiv-atom-listing.xml'),
});

/** Starts the fake on 127.0.0.1 at a free port. */
export async function startFakeArxiv(options: FakeArxivOptions = {}): Promise<FakeArxiv> {
  const listings = options.listings ?? DEFAULT_LISTINGS();
  const queryFixture = readArxivFixture('arxiv-api-query.xml');
  const onQuery = options.query ?? (() => ({ body: queryFixture }));
  const queued: FakeResponse[] = [];
  const requests: string[] = [];

  const server = createServer((req, res) => {
    const raw = req.url ?? '/';
    requests.push(raw);
    const url = new URL(raw, 'http://fake.invalid');
    let answer: FakeResponse;
    if (url.pathname === '/api/query') {
      answer = queued.shift() ?? onQuery(url.searchParams);
    } else {
      const listing = listings[url.pathname.replace(/^\/+/, '')];
      answer = listing === undefined ? { status: 404, body: '<html><body>Not Found</body></html>' } : { body: listing };
    }
    const xml = answer.body.trimStart().startsWith('<?xml');
    res.writeHead(answer.status ?? 200, { 'content-type': xml ? 'application/xml; charset=utf-8' : 'text/html', ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    rssUrl: base,
    apiUrl: `${base}/api`,
    requests,
    queueQuery: (...responses) => void queued.push(...responses),
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
