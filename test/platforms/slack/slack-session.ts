/**
 * One fake Slack and one `paperboy start` child for a whole test file, and the moves a Slack user makes: run a
 * slash command, press a button, trigger an event. Everything goes over loopback HTTP to the real Bolt app.
 */
import { afterAll, beforeAll } from 'vitest';
import { createFakeSlack, FAKE_IDENTITY, type FakeSlack, type SlackResponse } from '../../fakes/fake-slack.ts';
import {
  actionRequest,
  blockActions,
  commandRequest,
  eventCallback,
  eventRequest,
  postToApp,
  slashCommand,
  type Actor,
} from '../../fakes/fake-slack-requests.ts';
import { SECRETS, boundPort, seededDir, startSlackChild, type SlackChild } from './slack-child.ts';

export const ADMIN = 'U0ADMIN';
export const MEMBER = 'U0MEMBER';

/** What a test gets back from a command: the HTTP ack and the response_url messages. */
export interface CommandResult {
  ack: { status: number; body: string; ms: number };
  responses: SlackResponse[];
  /** All text of the first response (fallback, blocks and buttons), for `toContain` checks. */
  text: string;
}

export interface SlackSession {
  slack: FakeSlack;
  child: SlackChild;
  /** `http://127.0.0.1:<port>/slack/events`; empty in Socket Mode. */
  eventsUrl: string;
  /** Runs `/papers <text>` and waits for `expected` response_url messages. */
  command(actor: Actor, text: string, expected?: number): Promise<CommandResult>;
  /** Presses a button carrying `value` and waits for `expected` response_url messages. */
  press(actor: Actor, actionId: string, value: string, expected?: number): Promise<CommandResult>;
  /** Sends an Events API callback; resolves with the HTTP ack. */
  event(event: Record<string, unknown>): Promise<{ status: number }>;
}

/** Everything a message says, flattened for substring checks. */
export function messageText(body: Record<string, unknown> | undefined): string {
  return body ? JSON.stringify({ text: body.text, blocks: body.blocks }) : '';
}

/** The value of the first button with `actionId` in a response. */
export function buttonValue(response: SlackResponse | undefined, actionId: string): string {
  const blocks = (response?.body.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>;
  const value = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value;
  if (!value) throw new Error(`no ${actionId} button in ${messageText(response?.body)}`);
  return value;
}

/**
 * Registers beforeAll/afterAll that start the fake and the child: HTTP mode by default, Socket Mode with
 * `socket: true`; `extraItems` are ingested after the bundled sample.
 */
export function useSlackSession(
  options: { socket?: boolean; env?: Record<string, string>; extraItems?: () => unknown[] } = {},
): SlackSession {
  const slack = createFakeSlack();
  let cleanup = () => {};
  const session = { slack, eventsUrl: '' } as SlackSession & { child: SlackChild };

  beforeAll(async () => {
    await slack.start();
    slack.workspace.users.set(ADMIN, { id: ADMIN, name: 'Ada Admin', isAdmin: true });
    slack.workspace.users.set(MEMBER, { id: MEMBER, name: 'Max Member' });
    const seeded = await seededDir(options.extraItems?.() ?? []);
    cleanup = seeded.cleanup;
    const mode: Record<string, string> = options.socket
      ? { SLACK_APP_TOKEN: SECRETS.appToken }
      : { SLACK_SIGNING_SECRET: SECRETS.signingSecret, SLACK_HOST: '127.0.0.1', SLACK_PORT: '0' };
    session.child = await startSlackChild(seeded.dir, {
      PAPERBOY_DB: seeded.db,
      SLACK_BOT_TOKEN: SECRETS.botToken,
      SLACK_API_URL: slack.apiUrl,
      ...mode,
      ...options.env,
    });
    if (!options.socket) session.eventsUrl = `http://127.0.0.1:${await boundPort(session.child)}/slack/events`;
  }, 60_000);

  afterAll(async () => {
    await session.child?.stop();
    await slack.close();
    cleanup();
  });

  const collect = async (url: string, expected: number, ack: CommandResult['ack']): Promise<CommandResult> => {
    const responses = await slack.waitFor(() => slack.responsesTo(url).length >= expected && slack.responsesTo(url));
    return { ack, responses, text: messageText(responses[0]?.body) };
  };

  session.command = async (actor, text, expected = 1) => {
    const url = slack.responseUrl();
    if (options.socket) {
      const ack = await slack.socket.send('slash_commands', slashCommand(actor, text, url));
      return collect(url, expected, { status: 200, body: JSON.stringify(ack.payload), ms: ack.latencyMs });
    }
    return collect(url, expected, await postToApp(session.eventsUrl, commandRequest(actor, text, url), SECRETS.signingSecret));
  };
  session.press = async (actor, actionId, value, expected = 1) => {
    const url = slack.responseUrl();
    const payload = blockActions(actor, { actionId, value }, url);
    if (options.socket) {
      const ack = await slack.socket.send('interactive', payload);
      return collect(url, expected, { status: 200, body: '', ms: ack.latencyMs });
    }
    return collect(url, expected, await postToApp(session.eventsUrl, actionRequest(payload), SECRETS.signingSecret));
  };
  session.event = async (event) => {
    const callback = eventCallback(event, FAKE_IDENTITY.teamId);
    if (options.socket) {
      await slack.socket.send('events_api', callback);
      return { status: 200 };
    }
    return postToApp(session.eventsUrl, eventRequest(callback), SECRETS.signingSecret);
  };
  return session;
}
