/**
 * Interactions over HTTP (docs/architecture.md §11), in-process: the Discord platform with a public key, its real
 * discord.js client answering through the fake Discord's REST, and signed requests shaped like Discord's POSTed to
 * its endpoint on 127.0.0.1. Signatures, sizes, methods and paths; PING; then /papers search, autocomplete, a
 * follow-up and a Next button, answered through the callback exactly as the gateway answers the same interaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../../commands/index.ts';
import type { ChatPlatform } from '../../../src/core/ports.ts';
import { createDiscordPlatform, type DiscordSettings } from '../../../src/platforms/discord/discord-platform.ts';
import { INTERACTIONS_PATH, MAX_BODY_BYTES } from '../../../src/platforms/discord/http-interactions.ts';
import { createFakeDiscord, type Answer } from '../../fakes/fake-discord.ts';
import { applicationKeys, postSigned, rawRequest, signatureHeaders } from '../../fakes/fake-discord-http.ts';
import { MANAGER_PERMISSIONS } from '../../fakes/fake-discord-interactions.ts';
import { createFakeServices } from '../../fakes/fake-services.ts';

const discord = createFakeDiscord();
const fake = createFakeServices(new Date());
const deps = { services: fake.services, registry, log: fake.log, clock: fake.services.clock };
let platform: ChatPlatform;
let endpoint: string;

function settings(extra: Partial<DiscordSettings> = {}): DiscordSettings {
  return {
    token: discord.token,
    applicationId: discord.applicationId,
    apiUrl: discord.apiUrl,
    httpInteractions: { publicKey: discord.publicKey, host: '127.0.0.1', port: 0 },
    ...extra,
  };
}

/** The endpoint URL the platform logged when it started listening (the last one logged). */
function loggedEndpoint(): string {
  const line = fake.log.entries.filter((e) => e.message === 'discord interactions listening').at(-1);
  return String(line?.context.url);
}

beforeAll(async () => {
  await discord.start();
  platform = createDiscordPlatform(settings(), deps);
  await platform.start();
  endpoint = loggedEndpoint();
});

afterAll(async () => {
  await platform?.stop();
  await discord.close();
});

/** A signed `/papers search` payload body and its headers. */
function signedSearch(query: string, privateKey = discord.privateKey) {
  const body = JSON.stringify(discord.payloads.command('search', { query }));
  return { body, headers: signatureHeaders(privateKey, body) };
}

/** Button custom ids of a rendered answer, by label. */
function buttons(message: Answer['message']): Record<string, string> {
  const rows = message.components as Array<{ components: Array<{ label: string; custom_id: string }> }>;
  return Object.fromEntries(rows.flatMap((row) => row.components.map((b) => [b.label, b.custom_id])));
}

describe('the endpoint', () => {
  it('GIVEN a public key THEN it listens on its own loopback port, logs the address without secrets, and opens no gateway', () => {
    expect(endpoint).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${INTERACTIONS_PATH}$`));
    expect(discord.identifies).toEqual([]);
    expect(discord.gatewaySessions).toBe(0);
    expect(discord.requests.filter((r) => r.route === 'gateway')).toEqual([]);
    // The token is checked over REST instead.
    expect(discord.requests.find((r) => r.path === '/users/@me')).toMatchObject({ authorized: true });
    expect(JSON.stringify(fake.log.entries)).not.toContain(discord.token);
  });

  it('GIVEN PING THEN 200 with {"type":1} as JSON', async () => {
    const pong = await postSigned(endpoint, discord.privateKey, {
      id: '1',
      application_id: discord.applicationId,
      type: 1,
      token: 't',
      version: 1,
    });
    expect(pong.status).toBe(200);
    expect(pong.headers['content-type']).toBe('application/json');
    expect(JSON.parse(pong.body)).toEqual({ type: 1 });
  });

  it('GIVEN a missing, forged, stale-header or tampered signature THEN 401 and the handler never runs', async () => {
    const other = applicationKeys();
    const missing = signedSearch('unsigned-query');
    const forged = signedSearch('forged-query', other.privateKey);
    const tampered = signedSearch('original-query');
    const otherTimestamp = signedSearch('retimed-query');
    const answers = await Promise.all([
      rawRequest(endpoint, { body: missing.body }),
      rawRequest(endpoint, { body: missing.body, headers: { 'X-Signature-Timestamp': missing.headers['X-Signature-Timestamp'] } }),
      rawRequest(endpoint, { body: forged.body, headers: forged.headers }),
      rawRequest(endpoint, { body: tampered.body.replace('original-query', 'tampered-query'), headers: tampered.headers }),
      rawRequest(endpoint, {
        body: otherTimestamp.body,
        headers: {
          ...otherTimestamp.headers,
          'X-Signature-Timestamp': String(Number(otherTimestamp.headers['X-Signature-Timestamp']) + 1),
        },
      }),
      rawRequest(endpoint, { body: forged.body, headers: { ...forged.headers, 'X-Signature-Ed25519': 'not hex' } }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);

    // A correctly signed search after them is answered; by then none of the refused ones reached the handler.
    discord.deliverOverHttp(endpoint);
    await discord.command('search', { query: 'signed-query' }).answer();
    discord.deliverOverHttp(null);
    const queries = JSON.stringify(fake.calls.search);
    expect(queries).toContain('signed-query');
    for (const refused of ['unsigned-query', 'forged-query', 'original-query', 'tampered-query', 'retimed-query'])
      expect(queries).not.toContain(refused);
    const refusedIds = [missing, forged, tampered, otherTimestamp].map((r) => (JSON.parse(r.body) as { id: string }).id);
    expect(discord.requests.filter((r) => refusedIds.some((id) => r.path.includes(id)))).toEqual([]);
  });

  it('GIVEN a body over 1 MB (declared or chunked) THEN 413, and the endpoint keeps answering', async () => {
    const huge = JSON.stringify({ type: 2, padding: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await rawRequest(endpoint, { body: huge, headers: signatureHeaders(discord.privateKey, huge) });
    expect(declared.status).toBe(413);
    const chunked = await rawRequest(endpoint, { body: huge, chunked: true, headers: signatureHeaders(discord.privateKey, huge) });
    expect(chunked.status).toBe(413);
    const pong = await postSigned(endpoint, discord.privateKey, { type: 1 });
    expect(pong.status).toBe(200);
  });

  it('GIVEN another method or path THEN 405 or 404; a signed body that is not JSON THEN 400', async () => {
    const get = await rawRequest(endpoint, { method: 'GET' });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const base = endpoint.slice(0, -INTERACTIONS_PATH.length);
    expect((await rawRequest(`${base}/`, { method: 'GET' })).status).toBe(404);
    expect((await rawRequest(`${base}/interactions`, { body: '{}' })).status).toBe(404);
    expect((await rawRequest(`${base}/healthz`, { method: 'GET' })).status).toBe(404);
    const notJson = '{"type":';
    expect((await rawRequest(endpoint, { body: notJson, headers: signatureHeaders(discord.privateKey, notJson) })).status).toBe(400);
  });
});

describe('interactions, answered as over the gateway', () => {
  beforeAll(() => discord.deliverOverHttp(endpoint));
  afterAll(() => discord.deliverOverHttp(null));

  it('GIVEN /papers search THEN 202 with no body, a private deferral within the 3 s window, and the result as an edit', async () => {
    const started = performance.now();
    const search = discord.command('search', { query: 'diffusion transformers' });
    const delivered = await search.delivery!;
    expect(delivered).toMatchObject({ status: 202, body: '' });
    await discord.waitFor(() => search.record.callbacks.length > 0, 'the first callback');
    expect(performance.now() - started).toBeLessThan(1500);
    expect(search.record.callbacks[0]).toMatchObject({ type: 5, data: { flags: 64 } });

    const { visibility, message } = await search.answer();
    expect(visibility).toBe('private');
    expect(message.content).toMatch(/^\*\*Search: diffusion transformers\*\*/);
    expect(message.embeds.map((e) => e.title)).toEqual([
      '1. Paper 2501.00001',
      '2. Paper 2501.00002',
      '3. Paper 2501.00003',
      '4. Paper 2501.00004',
      '5. Paper 2501.00005',
    ]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(Object.keys(buttons(message))).toEqual(['◀ Prev', 'Next ▶', 'Share in channel']);
    expect(fake.calls.search.at(-1)).toMatchObject({ offset: 0 });
  });

  it('GIVEN the same search over the gateway THEN the same callbacks and the same message (button tokens aside)', async () => {
    const overHttp = discord.command('search', { query: 'backtracking', limit: 2 });
    const httpAnswer = await overHttp.answer();

    const gateway = createDiscordPlatform(settings({ httpInteractions: null }), deps);
    await gateway.start();
    try {
      discord.deliverOverHttp(null);
      const overGateway = discord.command('search', { query: 'backtracking', limit: 2 });
      const gatewayAnswer = await overGateway.answer();
      const tokensAside = (answer: Answer) => JSON.parse(JSON.stringify(answer.message).replace(/pb:(prev|next|share):[\w-]+/g, 'pb:$1:*'));
      const { id: _h, timestamp: _ht, ...fromHttp } = tokensAside(httpAnswer);
      const { id: _g, timestamp: _gt, ...fromGateway } = tokensAside(gatewayAnswer);
      expect(fromHttp.channel_id).toBe(discord.channelId);
      expect(fromHttp).toEqual(fromGateway);
      expect(httpAnswer.visibility).toBe(gatewayAnswer.visibility);
      expect(overHttp.record.callbacks).toEqual(overGateway.record.callbacks);
    } finally {
      discord.deliverOverHttp(endpoint);
      await gateway.stop();
    }
  });

  it('GIVEN autocomplete of a time zone THEN 202 and a type 8 callback with the matching IANA names', async () => {
    const typing = discord.autocomplete('schedule', 'timezone', { timezone: 'Europe/Ber' });
    expect((await typing.delivery!).status).toBe(202);
    const choices = await typing.choices();
    expect(typing.record.callbacks.map((c) => c.type)).toEqual([8]);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('Europe/Berlin');
  });

  it('GIVEN Next on a paged result THEN the next page replaces the message, through a deferred update', async () => {
    const first = await discord.command('search', { query: 'paging', limit: 1 }).answer();
    expect(first.message.embeds[0]!.title).toBe('1. Paper 2501.00001');
    const click = discord.click(first.message, buttons(first.message)['Next ▶']!);
    expect((await click.delivery!).status).toBe(202);
    const paged = await click.answer();
    expect(click.record.callbacks.map((c) => c.type)).toEqual([6]);
    expect(paged.message.id).toBe(first.message.id);
    expect(paged.message.content).toMatch(/Papers 2–2, best first/);
    expect(paged.message.embeds.map((e) => e.title)).toEqual(['2. Paper 2501.00002']);
    expect(fake.calls.search.at(-1)).toMatchObject({ offset: 1, limit: 1 });
  });

  it('GIVEN a manager subscribing THEN a public deferred answer and a private follow-up, both through the interaction webhook', async () => {
    const where = { channelId: discord.addChannel('http-subscribe'), permissions: MANAGER_PERMISSIONS };
    const subscribe = discord.command('subscribe', { topic: 'diffusion' }, where);
    expect((await subscribe.delivery!).status).toBe(202);
    expect(await subscribe.answer()).toMatchObject({
      visibility: 'public',
      message: { content: expect.stringMatching(/^This channel now follows `diffusion`/) },
    });
    // Deferred without the ephemeral flag: the answer is public.
    expect(subscribe.record.callbacks.map((c) => [c.type, c.data?.flags ?? 0])).toEqual([[5, 0]]);
    expect(await subscribe.followUp(0)).toMatchObject({
      visibility: 'private',
      message: { content: expect.stringMatching(/^\*\*Preview \(only you can see this\)\*\*/) },
    });
    expect((await fake.channels.topics({ platform: 'discord', channelId: where.channelId })).map((t) => t.raw)).toEqual(['diffusion']);
  });

  it('GIVEN a payload listing an entitlement THEN it is still answered (the client knows its application without READY)', async () => {
    const payload = discord.payloads.command('help');
    payload.entitlements = [
      {
        id: '1300000000000000500',
        sku_id: '1300000000000000501',
        application_id: discord.applicationId,
        user_id: discord.alice.id,
        type: 8,
        deleted: false,
        consumed: false,
      },
    ];
    const help = discord.interact(payload);
    expect((await help.delivery!).status).toBe(202);
    expect((await help.answer()).visibility).toBe('private');
  });

  it('GIVEN every interaction above THEN nothing broke a Discord limit', () => {
    expect(discord.violations).toEqual([]);
  });
});

describe('start and stop', () => {
  it('GIVEN stop() THEN the endpoint no longer accepts connections', async () => {
    const other = createDiscordPlatform(settings(), deps);
    await other.start();
    const url = loggedEndpoint();
    expect(url).not.toBe(endpoint);
    expect((await postSigned(url, discord.privateKey, { type: 1 })).status).toBe(200);
    await other.stop();
    await expect(postSigned(url, discord.privateKey, { type: 1 })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('GIVEN a token Discord rejects THEN start() fails as in gateway mode, and nothing listens', async () => {
    const before = fake.log.entries.filter((e) => e.message === 'discord interactions listening').length;
    const wrong = createDiscordPlatform(settings({ token: 'not.the.token' }), deps);
    await expect(wrong.start()).rejects.toThrow(/invalid token/i);
    expect(fake.log.entries.filter((e) => e.message === 'discord interactions listening')).toHaveLength(before);
    await wrong.stop();
  });
});
