/** Runs `/papers` invocations through the real dispatcher and registry against in-memory fakes. */
import { registry } from '../../commands/index.ts';
import type { ChannelRef } from '../../src/core/channel.ts';
import type { Invocation } from '../../src/core/command.ts';
import { dispatch, dispatchText, validateInvocation, type InvocationContext } from '../../src/core/dispatch.ts';
import type { RawOptions, Reply } from '../../src/core/reply.ts';
import { createFakeServices } from '../fakes/fake-services.ts';

export const CHANNEL: ChannelRef = { platform: 'discord', channelId: 'C1' };
export const MANAGER_RULE = 'members with Manage Channels';

/** Who runs the command and how; managers by default. */
export interface As {
  manager?: boolean;
  offset?: number;
  postingProblem?: string;
}

/** Fresh fakes plus shortcuts that dispatch on them. */
export function setup() {
  const fake = createFakeServices();
  const context = (as: As = {}): InvocationContext => ({
    channel: CHANNEL,
    workspaceId: 'G1',
    user: { id: 'U1', isManager: as.manager ?? true },
    managerRule: MANAGER_RULE,
    ...(as.offset === undefined ? {} : { offset: as.offset }),
    ...(as.postingProblem === undefined ? {} : { postingProblem: as.postingProblem }),
  });
  const invocation = (subcommand: string, options: RawOptions = {}, as: As = {}): Invocation => ({ ...context(as), subcommand, options });
  return {
    fake,
    invocation,
    /** Dispatches typed options, as Discord delivers them. */
    run: (subcommand: string, options: RawOptions = {}, as: As = {}): Promise<Reply> =>
      dispatch(invocation(subcommand, options, as), fake.services, registry),
    /** Dispatches argument text, as Slack and `paperboy cmd` deliver it. */
    text: (text: string, as: As = {}): Promise<Reply> => dispatchText(text, context(as), fake.services, registry),
    validate: (subcommand: string, options: RawOptions = {}, as: As = {}) =>
      validateInvocation(invocation(subcommand, options, as), fake.services, registry),
    /** Subscribes the channel to each topic as a manager, for a starting state. */
    async subscribe(...topics: string[]): Promise<void> {
      for (const topic of topics) {
        const reply = await dispatch(invocation('subscribe', { topic }), fake.services, registry);
        if (reply.outcome !== 'ok') throw new Error(`setup subscribe failed: ${reply.text}`);
      }
    },
  };
}
