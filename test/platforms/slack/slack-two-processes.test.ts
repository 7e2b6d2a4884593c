/**
 * Two `paperboy start` processes on one database behind one Slack app in HTTP mode, as behind a load balancer: a
 * result made by one process, its Next, Prev and Share pressed and answered by the other. Button replays live in the
 * database, not in the process that made the result (docs/architecture.md §16, decision 0003).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_NEXT, ACTION_PREV, ACTION_SHARE } from '../../../src/platforms/slack/render-reply.ts';
import { createFakeSlack, type SlackResponse } from '../../fakes/fake-slack.ts';
import { actionRequest, blockActions, commandRequest, postToApp, type RawRequest } from '../../fakes/fake-slack-requests.ts';
import { SECRETS, boundPort, seededDir, startSlackChild, type SlackChild } from './slack-child.ts';
import { MEMBER, buttonValue, messageText } from './slack-session.ts';

const slack = createFakeSlack();
const children: SlackChild[] = [];
const eventsUrls: string[] = [];
let cleanup = () => {};

beforeAll(async () => {
  await slack.start();
  slack.workspace.users.set(MEMBER, { id: MEMBER, name: 'Max Member' });
  const seeded = await seededDir();
  cleanup = seeded.cleanup;
  const env = {
    PAPERBOY_DB: seeded.db,
    SLACK_BOT_TOKEN: SECRETS.botToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_SIGNING_SECRET: SECRETS.signingSecret,
    SLACK_HOST: '127.0.0.1',
    SLACK_PORT: '0',
  };
  for (let i = 0; i < 2; i += 1) {
    const child = await startSlackChild(seeded.dir, env);
    children.push(child);
    eventsUrls.push(`http://127.0.0.1:${await boundPort(child)}/slack/events`);
  }
}, 90_000);

afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  await slack.close();
  cleanup();
});

const actor = { userId: MEMBER, channelId: 'C0TWO' };

/** Sends `request` to process `n` (0 or 1) and resolves with the first message on its response_url. */
async function send(n: number, request: (responseUrl: string) => RawRequest): Promise<SlackResponse | undefined> {
  const url = slack.responseUrl();
  const ack = await postToApp(eventsUrls[n] as string, request(url), SECRETS.signingSecret);
  expect(ack.status).toBe(200);
  return (await slack.waitFor(() => slack.responsesTo(url).length > 0 && slack.responsesTo(url)))[0];
}

/** A press of the button `actionId` carrying `value`, by the member who ran the search. */
const press = (actionId: string, value: string) => (url: string) => actionRequest(blockActions(actor, { actionId, value }, url));

describe('Slack buttons across processes', () => {
  it('GIVEN a paged search answered by one process THEN the other pages it both ways and shares it', async () => {
    const first = await send(0, (url) => commandRequest(actor, 'search backtracking limit:1', url));
    expect(messageText(first?.body)).toContain('Papers 1–1');

    const next = await send(1, press(ACTION_NEXT, buttonValue(first, ACTION_NEXT)));
    expect(next?.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(messageText(next?.body)).toContain('Papers 2–2');
    expect(messageText(next?.body)).not.toContain('expired');

    // Process 1 stored the paged reply's replay; process 0 answers its Prev.
    const back = await send(0, press(ACTION_PREV, buttonValue(next, ACTION_PREV)));
    expect(messageText(back?.body)).toContain('Papers 1–1');

    const before = slack.callsTo('chat.postMessage', 'C0TWO').length;
    const url = slack.responseUrl();
    const share = await postToApp(
      eventsUrls[1] as string,
      press(ACTION_SHARE, buttonValue(first, ACTION_SHARE))(url),
      SECRETS.signingSecret,
    );
    expect(share.status).toBe(200);
    const posts = await slack.waitFor(
      () => slack.callsTo('chat.postMessage', 'C0TWO').length > before && slack.callsTo('chat.postMessage', 'C0TWO'),
    );
    expect(messageText(posts[before]?.params)).toContain('To Backtrack or Not to Backtrack');
    expect(messageText(posts[before]?.params)).toContain('Shared by Max Member');
  });
});
