import { describe, expect, it } from 'vitest';
import { ChannelUnavailableError, PaperboyError } from '../../src/core/errors.ts';
import { isTransientError } from '../../src/core/transient-errors.ts';

const withProps = (props: Record<string, unknown>, message = 'failed') => Object.assign(new Error(message), props);

describe('isTransientError: what a publish retry may try again', () => {
  it.each([
    ['a 503 (status)', withProps({ status: 503 })],
    ['a 502 (statusCode, @slack/web-api)', withProps({ code: 'slack_webapi_http_error', statusCode: 502 })],
    ['a 429', withProps({ status: 429 })],
    ['a reset connection', withProps({ code: 'ECONNRESET' })],
    ['an undici connect timeout', withProps({ code: 'UND_ERR_CONNECT_TIMEOUT' })],
    ['an aborted request (discord.js timeout)', withProps({ name: 'AbortError' })],
    ['a Slack request that never reached Slack', withProps({ code: 'slack_webapi_request_error' })],
    ['paperboy rate_limited', new PaperboyError('rate_limited', 'Slack kept rate-limiting calls for C1')],
    ['a network error as the cause', new Error('fetch failed', { cause: withProps({ code: 'ECONNREFUSED' }) })],
  ])('GIVEN %s THEN transient', (_label, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a plain error', new Error('HTTP 503 Service Unavailable')],
    ['a 400', withProps({ status: 400 })],
    ['a 403 Missing Permissions', withProps({ status: 403, code: 50013 })],
    ['a channel the platform refuses', new ChannelUnavailableError('the channel is archived', { cause: withProps({ status: 503 }) })],
    ['a string', 'boom'],
    ['null', null],
  ])('GIVEN %s THEN not transient', (_label, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
