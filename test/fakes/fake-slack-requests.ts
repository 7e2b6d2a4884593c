/**
 * What Slack sends to an app, built for tests: slash-command forms, `block_actions` payloads and Events API
 * callbacks, signed like Slack signs them (v0 HMAC-SHA256 over `v0:{timestamp}:{body}`; docs/architecture.md §12).
 */
import { createHmac } from 'node:crypto';
import { FAKE_IDENTITY } from './fake-slack-state.ts';

/** `X-Slack-Signature` and `X-Slack-Request-Timestamp` for `body` signed with `secret` at `timestamp` (seconds). */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/** Who runs a command, and where. */
export interface Actor {
  userId: string;
  channelId: string;
  channelName?: string;
  teamId?: string;
}

/** A slash command's fields (what Slack form-encodes for HTTP, and sends as the Socket Mode payload). */
export function slashCommand(actor: Actor, text: string, responseUrl: string): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: actor.teamId ?? FAKE_IDENTITY.teamId,
    team_domain: 'paperboy-test',
    channel_id: actor.channelId,
    channel_name: actor.channelName ?? actor.channelId.toLowerCase(),
    user_id: actor.userId,
    user_name: actor.userId.toLowerCase(),
    command: '/papers',
    text,
    api_app_id: FAKE_IDENTITY.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1337.42.abcdef',
  };
}

/** A button press on a message (`block_actions`), as Slack sends it. */
export function blockActions(actor: Actor, action: { actionId: string; value: string }, responseUrl: string): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: actor.userId, username: actor.userId.toLowerCase(), team_id: actor.teamId ?? FAKE_IDENTITY.teamId },
    api_app_id: FAKE_IDENTITY.appId,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: actor.channelId, is_ephemeral: true },
    trigger_id: '1337.43.abcdef',
    team: { id: actor.teamId ?? FAKE_IDENTITY.teamId, domain: 'paperboy-test' },
    channel: { id: actor.channelId, name: actor.channelName ?? actor.channelId.toLowerCase() },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: action.actionId,
        block_id: 'b1',
        value: action.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1700000001.000200',
      },
    ],
  };
}

/** An Events API callback wrapping `event`. */
export function eventCallback(event: Record<string, unknown>, teamId = FAKE_IDENTITY.teamId): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: FAKE_IDENTITY.appId,
    event,
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: FAKE_IDENTITY.botUserId, is_bot: true }],
  };
}

/** A request as sent over HTTP: the raw body and its content type. */
export interface RawRequest {
  body: string;
  contentType: string;
}

/** A slash command form body. */
export function commandRequest(actor: Actor, text: string, responseUrl: string): RawRequest {
  return { body: new URLSearchParams(slashCommand(actor, text, responseUrl)).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An interactivity request: the payload JSON in a `payload` form field. */
export function actionRequest(payload: Record<string, unknown>): RawRequest {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** An Events API request: JSON. */
export function eventRequest(callback: Record<string, unknown>): RawRequest {
  return { body: JSON.stringify(callback), contentType: 'application/json' };
}

/** POSTs a request to the app, signed with `secret` unless `headers` replace the signature; returns status, body, time. */
export async function postToApp(
  url: string,
  request: RawRequest,
  secret: string,
  headers?: Record<string, string>,
): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': request.contentType, ...(headers ?? slackSignature(secret, request.body)) },
    body: request.body,
  });
  return { status: response.status, body: await response.text(), ms: Date.now() - started };
}
