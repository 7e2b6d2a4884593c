/** The console publisher runs the Publisher contract (it has no message limits to check). */
import { defaultChannelSettings } from '../../../src/core/digest/service.ts';
import { createConsolePublisher } from '../../../src/platforms/console/publisher.ts';
import { plainStyle } from '../../../src/platforms/console/terminal-style.ts';
import { describePublisherContract } from '../../contracts/publisher.contract.ts';

const publisher = createConsolePublisher(() => undefined, plainStyle);
let channels = 0;

describePublisherContract(
  'console',
  () => ({
    publisher,
    newChannel: (settings = {}) => ({
      ...defaultChannelSettings({ platform: 'console', channelId: `team-${++channels}` }, 'UTC'),
      ...settings,
    }),
  }),
  { limits: false },
);
