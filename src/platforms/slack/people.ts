/**
 * Who may manage channel settings on Slack (docs/architecture.md §6): workspace admins and owners (`users.info`,
 * cached), the users in SLACK_ADMIN_USERS, or everyone with SLACK_OPEN_ADMIN; plus display names for Share credits.
 */
import type { Clock } from '../../core/clock.ts';
import { describeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { RateGate, SlackClient } from './slack-api.ts';

/** Admin flags change rarely; ten minutes keeps users.info (Tier 4) calls rare and a demotion effective soon. */
export const PEOPLE_TTL_MS = 10 * 60_000;
/** Cached users at most; the oldest go first. */
const MAX_CACHED = 2_000;

export interface SlackPeople {
  /** "Only {managerRule} can …": the refusal's words for who may. */
  readonly managerRule: string;
  isManager(userId: string): Promise<boolean>;
  /** The name people see in Slack, or null when it cannot be looked up. */
  displayName(userId: string): Promise<string | null>;
}

export interface SlackPeopleDeps {
  client: SlackClient;
  gate: RateGate;
  clock: Clock;
  log: Logger;
  adminUsers: readonly string[];
  openAdmin: boolean;
}

interface Person {
  admin: boolean;
  name: string | null;
  expires: number;
}

/** The manager rule in the words refusals and help use. */
export function managerRuleFor(adminUsers: readonly string[]): string {
  return adminUsers.length > 0
    ? 'workspace admins and owners and the members named in paperboy’s SLACK_ADMIN_USERS setting'
    : 'workspace admins and owners';
}

/** Creates the lookup; failures to ask Slack count as "not an admin" and are not cached. */
export function createSlackPeople(deps: SlackPeopleDeps): SlackPeople {
  const cache = new Map<string, Person>();
  const admins = new Set(deps.adminUsers);

  async function lookup(userId: string): Promise<Person | null> {
    const now = deps.clock.now().getTime();
    const hit = cache.get(userId);
    if (hit && hit.expires > now) return hit;
    try {
      const { user } = await deps.gate.call('users.info', () => deps.client.users.info({ user: userId }));
      const name = user?.profile?.display_name || user?.real_name || user?.name || null;
      const person = { admin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner), name, expires: now + PEOPLE_TTL_MS };
      cache.delete(userId);
      cache.set(userId, person);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
      return person;
    } catch (error) {
      deps.log.warn({ user: userId, err: describeError(error) }, 'users.info failed; treating the user as a non-admin');
      return null;
    }
  }

  return {
    managerRule: managerRuleFor(deps.adminUsers),
    async isManager(userId) {
      if (deps.openAdmin || admins.has(userId)) return true;
      return (await lookup(userId))?.admin ?? false;
    },
    async displayName(userId) {
      return (await lookup(userId))?.name ?? null;
    },
  };
}
