/** The App Home tab: this workspace's subscribed channels, their topics and next digest times. */
import { truncate } from '../../core/text.ts';
import { context, divider, fitBlocks, header, MAX_HOME_BLOCKS, section, type SlackBlock } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** What the Home tab shows about one channel. */
export interface HomeChannel {
  channelId: string;
  topics: readonly string[];
  /** "Tue 4 Mar 09:00 Europe/Berlin"; null when the scheduler has not said (then `schedule` is shown). */
  nextDigest: string | null;
  /** "Digest at 09:00 Europe/Berlin on Mon–Fri, 5 papers". */
  schedule: string | null;
  paused: boolean;
  pauseReason: string | null;
}

/** A Home tab view (`views.publish`). */
export interface HomeView {
  type: 'home';
  blocks: SlackBlock[];
}

/** Slack channel ids are letters and digits; anything else is not linked, so it cannot form another mention. */
function channelMention(id: string): string {
  return /^[A-Z0-9]+$/.test(id) ? `<#${id}>` : escapeMrkdwn(id);
}

function channelText(channel: HomeChannel): string {
  const topics =
    channel.topics.length === 0
      ? '_no topics: overall trending_'
      : channel.topics.map((t) => `\`${escapeMrkdwn(truncate(t, 100))}\``).join(', ');
  const when = channel.paused
    ? `⏸ Paused${channel.pauseReason ? `: ${escapeMrkdwn(channel.pauseReason)}` : ''}`
    : channel.nextDigest
      ? `Next digest: ${escapeMrkdwn(channel.nextDigest)}`
      : escapeMrkdwn(channel.schedule ?? 'No schedule yet');
  return `*${channelMention(channel.channelId)}*\nTopics: ${topics}\n${when}`;
}

/** The Home view listing every channel (within Slack's 100 blocks for a Home tab). */
export function homeView(channels: readonly HomeChannel[]): HomeView {
  const blocks: SlackBlock[] = [header('paperboy · trending papers for your channels')];
  if (channels.length === 0) {
    blocks.push(
      section('No channel gets a digest yet. In a channel, a workspace admin can type `/papers subscribe <topic>` to start one.'),
    );
  } else {
    blocks.push(section(`*${channels.length === 1 ? '1 channel gets' : `${channels.length} channels get`} a digest*`));
    for (const channel of channels) blocks.push(divider(), section(channelText(channel)));
  }
  const help = context(['`/papers help` lists every command. Topics and schedules are changed in each channel.']);
  if (help) blocks.push(help);
  return { type: 'home', blocks: fitBlocks(blocks, MAX_HOME_BLOCKS) };
}
