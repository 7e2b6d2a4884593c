/**
 * The two ways Slack reaches the bot (docs/architecture.md §12): Socket Mode (an outbound WebSocket; no public URL, the
 * usual choice behind a firewall) and HTTP (signed requests to /slack/events). Both feed the same Bolt app.
 */
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import type { RetryOptions } from './slack-api.ts';

/** The HTTP receiver's one endpoint for commands, interactivity and events. */
export const EVENTS_PATH = '/slack/events';
/** How long start-up waits for the first Socket Mode connection before carrying on (it keeps retrying). */
const SOCKET_CONNECT_WAIT_MS = 30_000;

/** A receiver Bolt can be given, with paperboy's start and stop. */
export interface StartableReceiver {
  receiver: HTTPReceiver | SocketModeReceiver;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** What the receivers read from the Slack configuration. */
export interface ReceiverConfig {
  signingSecret: string | null;
  appToken: string | null;
  host: string;
  port: number;
  apiUrl: string;
}

/** An HTTP receiver on host:port (port 0 = any free port); logs the bound address once listening. */
function httpReceiver(config: ReceiverConfig, signingSecret: string, sdkLogger: BoltLogger, log: Logger): StartableReceiver {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: EVENTS_PATH, logger: sdkLogger });
  let close: (() => void) | null = null;
  return {
    receiver,
    async start() {
      const server = await receiver.start({ port: config.port, host: config.host });
      const address = server.address() as AddressInfo;
      close = () => server.closeAllConnections();
      log.info({ mode: 'http', address: address.address, port: address.port, path: EVENTS_PATH }, 'slack receiver listening');
    },
    async stop() {
      if (close === null) return;
      const stopping = receiver.stop();
      // Keep-alive connections would hold the server open; requests in flight have been acked already.
      close();
      close = null;
      await stopping;
    },
  };
}

/** A Socket Mode receiver whose `apps.connections.open` call goes to `apiUrl` with the app-level token. */
function socketReceiver(
  config: ReceiverConfig,
  appToken: string,
  sdkLogger: BoltLogger,
  log: Logger,
  retryConfig: RetryOptions,
): StartableReceiver {
  const receiver = new SocketModeReceiver({
    appToken,
    logger: sdkLogger,
    installerOptions: { clientOptions: { slackApiUrl: config.apiUrl, retryConfig } },
  });
  receiver.client.on('reconnecting', () => log.warn({ mode: 'socket' }, 'slack socket mode reconnecting'));
  return {
    receiver,
    async start() {
      const connecting = receiver.start().then(() => true);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SOCKET_CONNECT_WAIT_MS)));
      const connected = await Promise.race([connecting, waited]).finally(() => clearTimeout(timer));
      if (connected) log.info({ mode: 'socket' }, 'slack socket mode connected');
      else {
        connecting.catch((error: unknown) => log.error({ err: error }, 'slack socket mode could not connect'));
        log.warn({ mode: 'socket', waitedMs: SOCKET_CONNECT_WAIT_MS }, 'slack socket mode still connecting; carrying on');
      }
    },
    async stop() {
      await receiver.client.disconnect();
    },
  };
}

/** Socket Mode when an app-level token is set (even with a signing secret too), else HTTP. */
export function createReceiver(config: ReceiverConfig, sdkLogger: BoltLogger, log: Logger, retryConfig: RetryOptions): StartableReceiver {
  if (config.appToken) return socketReceiver(config, config.appToken, sdkLogger, log, retryConfig);
  if (!config.signingSecret) throw new Error('Slack needs SLACK_APP_TOKEN or SLACK_SIGNING_SECRET');
  return httpReceiver(config, config.signingSecret, sdkLogger, log);
}
