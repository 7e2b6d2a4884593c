/** The Slack platform (real Bolt and WebClient, started, against the fake Slack) runs the ChatPlatform contract. */
import { defaultChannelSettings } from '../../../src/core/digest/service.ts';
import { describeChatPlatformContract } from '../../contracts/publisher.contract.ts';
import { blockKitProblems, type MessageLike } from './block-kit-check.ts';
import { useInProcessSlack } from './in-process.ts';

const session = useInProcessSlack();
let channels = 0;

describeChatPlatformContract(
  'Slack',
  () => ({
    publisher: session.platform,
    // The fake answers for any unknown id as a public channel the bot is in.
    newChannel: (settings = {}) => ({
      ...defaultChannelSettings({ platform: 'slack', channelId: `C0CONTRACT${++channels}` }, 'UTC'),
      ...settings,
    }),
    sent: (channel) => session.slack.callsTo('chat.postMessage', channel.channelId).map((call) => call.params),
    problems: (body) => blockKitProblems(body as MessageLike),
  }),
  { limits: true },
);
