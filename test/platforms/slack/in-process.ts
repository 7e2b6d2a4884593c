/**
 * The Slack platform in this process for one test file: real Bolt on an HTTP receiver at a free port and its
 * WebClient, both against one fake Slack, over in-memory services; plus the moves a Slack user makes.
 */
import { afterAll, beforeAll } from 'vitest';
import { registry } from '../../../commands/index.ts';
import type { ChatPlatform } from '../../../src/core/ports.ts';
import { EVENTS_PATH } from '../../../src/platforms/slack/receivers.ts';
import { createSlackPlatform } from '../../../src/platforms/slack/slack-platform.ts';
import { createFakeServices, type FakeServices } from '../../fakes/fake-services.ts';
import { createFakeSlack, type FakeSlack, type SlackResponse } from '../../fakes/fake-slack.ts';
import { commandRequest, eventCallback, eventRequest, postToApp, type Actor } from '../../fakes/fake-slack-requests.ts';

const SIGNING_SECRET = 'in-process-signing-secret';

/** The fake, the services and the platform of one test file, and the moves a user makes. */
export interface InProcessSlack {
  readonly slack: FakeSlack;
  readonly fake: FakeServices;
  /** The started platform (after beforeAll). */
  readonly platform: ChatPlatform;
  /** Runs `/papers <text>` as Slack sends it; resolves with the response_url messages once the first arrives. */
  command(actor: Actor, text: string): Promise<SlackResponse[]>;
  /** Delivers an Events API callback; resolves with the HTTP status of the ack. */
  event(event: Record<string, unknown>): Promise<number>;
}

/** Registers beforeAll/afterAll that start the fake Slack and the platform, and stop both. */
export function useInProcessSlack(): InProcessSlack {
  const slack = createFakeSlack();
  const fake = createFakeServices(new Date());
  let platform: ChatPlatform | null = null;
  let eventsUrl = '';

  beforeAll(async () => {
    await slack.start();
    const config = {
      botToken: 'xoxb-in-process-token',
      adminUsers: [],
      openAdmin: false,
      signingSecret: SIGNING_SECRET,
      appToken: null,
      host: '127.0.0.1',
      port: 0,
      apiUrl: slack.apiUrl,
    };
    platform = createSlackPlatform(config, { services: fake.services, registry, log: fake.log, clock: fake.services.clock });
    await platform.start();
    const listening = fake.log.entries.find((e) => e.message === 'slack receiver listening');
    eventsUrl = `http://127.0.0.1:${String(listening?.context.port)}${EVENTS_PATH}`;
  });

  afterAll(async () => {
    await platform?.stop();
    await slack.close();
  });

  return {
    slack,
    fake,
    get platform() {
      if (!platform) throw new Error('the Slack platform is not started yet (use it inside a test)');
      return platform;
    },
    async command(actor, text) {
      const url = slack.responseUrl();
      const ack = await postToApp(eventsUrl, commandRequest(actor, text, url), SIGNING_SECRET);
      if (ack.status !== 200) throw new Error(`the app answered /papers ${text} with HTTP ${ack.status}`);
      return slack.waitFor(() => slack.responsesTo(url).length > 0 && slack.responsesTo(url));
    },
    async event(event) {
      return (await postToApp(eventsUrl, eventRequest(eventCallback(event)), SIGNING_SECRET)).status;
    },
  };
}
