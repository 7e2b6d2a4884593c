/** Every `/papers` subcommand in the order help and Discord show them. */
import type { CommandSpec } from '../src/core/command.ts';
import { digest } from './digest.ts';
import { createHelpCommand } from './help.ts';
import { pause } from './pause.ts';
import { paper } from './paper.ts';
import { resume } from './resume.ts';
import { schedule } from './schedule.ts';
import { search } from './search.ts';
import { status } from './status.ts';
import { subscribe } from './subscribe.ts';
import { topics } from './topics.ts';
import { trending } from './trending.ts';
import { unsubscribe } from './unsubscribe.ts';

const documented: readonly CommandSpec[] = [
  search,
  trending,
  paper,
  subscribe,
  unsubscribe,
  topics,
  schedule,
  digest,
  pause,
  resume,
  status,
];

/** The registry adapters, help and the dispatcher use. */
export const registry: readonly CommandSpec[] = [...documented, createHelpCommand(documented)];
