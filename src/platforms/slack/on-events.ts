/**
 * Events API listeners: the App Home tab (`app_home_opened` → `views.publish`), and uninstalling
 * (`app_uninstalled`, `tokens_revoked` for the bot) → stop posting and forget the workspace's channels.
 */
import type { App } from '@slack/bolt';
import { describeError } from '../../core/errors.ts';
import type { HandlerDeps } from './handler-deps.ts';
import { homeView, type HomeChannel } from './home-view.ts';
import type { SlackClient } from './slack-api.ts';

/** The channels the Home tab lists: this workspace's, plus any set up without a workspace (e.g. by the CLI). */
async function homeChannels(deps: HandlerDeps, teamId: string | null): Promise<HomeChannel[]> {
  const channels = await deps.services.channels.list({ platform: 'slack' });
  const mine = channels.filter((c) => c.workspaceId === null || teamId === null || c.workspaceId === teamId);
  return Promise.all(
    mine.map(async (channel) => {
      const [topics, status] = await Promise.all([deps.services.channels.topics(channel), deps.services.status(channel)]);
      return {
        channelId: channel.channelId,
        topics: topics.map((t) => t.raw),
        nextDigest: status.nextDigest,
        schedule: status.schedule,
        paused: channel.paused,
        pauseReason: channel.pauseReason,
      };
    }),
  );
}

/** What the listeners need beyond the command handlers' deps. */
export interface EventDeps {
  client: SlackClient;
  /** Stops all posting; called once the app is gone from the workspace. */
  disable(reason: string): void;
}

/** Registers the event listeners. */
export function onEvents(app: App, deps: HandlerDeps, events: EventDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    try {
      const view = homeView(await homeChannels(deps, body.team_id ?? null));
      await events.client.views.publish({ user_id: event.user, view });
    } catch (error) {
      deps.log.warn({ user: event.user, err: describeError(error) }, 'app home could not be published');
    }
  });

  const forget = async (teamId: string, why: string) => {
    events.disable('the Slack app was uninstalled from this workspace');
    const removed = await deps.services.channels.removeWorkspace('slack', teamId);
    deps.log.warn({ team: teamId, why, channels: removed }, 'slack workspace removed; its channel settings are deleted');
  };
  app.event('app_uninstalled', async ({ body }) => forget(body.team_id, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot token matters: user tokens (if any) are not what paperboy posts with.
    if ((event.tokens.bot ?? []).length > 0) await forget(body.team_id, 'tokens_revoked');
  });
}
