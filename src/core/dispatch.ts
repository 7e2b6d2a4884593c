/**
 * The one entry point for every `/papers` invocation, on every platform: unknown subcommand → help;
 * options validated and converted; permission checked; store-only prechecks; then the handler.
 * Errors are caught here once: UserErrors become private replies, anything else is logged with an
 * error id and becomes a private apology (never a stack trace).
 */
import { randomBytes } from 'node:crypto';
import { parseArgumentText } from './argument-text.ts';
import { channelKey } from './channel.ts';
import type { CommandContext, CommandSpec, Invocation, OptionMap } from './command.ts';
import type { CommandServices } from './command-services.ts';
import { UserError } from './errors.ts';
import { commandHelp, helpReply, usageLine } from './help.ts';
import { OptionError, validateOptions } from './option-validators.ts';
import { code, privateReply, type Reply, type Visibility } from './reply.ts';

/** An invocation minus what the argument text supplies. */
export type InvocationContext = Omit<Invocation, 'subcommand' | 'options'>;

/** A validated invocation ready to run (`visibility` is what adapters defer with), or the reply to send at once. */
export type Validation = { ok: true; spec: CommandSpec; context: CommandContext; visibility: Visibility } | { ok: false; reply: Reply };

/** Paging offsets come from buttons a client could tamper with: keep them small and whole. */
const MAX_OFFSET = 500;

function resolve<T extends string>(value: T | ((options: OptionMap) => T), options: OptionMap): T {
  return typeof value === 'function' ? value(options) : value;
}

function newErrorId(): string {
  return randomBytes(3).toString('hex').toUpperCase();
}

/** The reply for anything thrown while validating or running `spec`. */
function failureReply(error: unknown, invocation: Invocation, spec: CommandSpec, services: CommandServices): Reply {
  if (error instanceof OptionError) {
    const help =
      error.help === 'full'
        ? commandHelp(spec, invocation.managerRule, true)
        : `**Usage:** ${code(usageLine(spec))}\nMore: ${code(`/papers help ${spec.name}`)}`;
    return privateReply(`${error.message}\n\n${help}`, 'usage', { title: `/papers ${spec.name}` });
  }
  if (error instanceof UserError) return privateReply(error.message, 'declined');
  const errorId = newErrorId();
  services.log.error(
    { errorId, subcommand: spec.name, channel: channelKey(invocation.channel), user: invocation.user.id, err: error },
    'command failed',
  );
  return privateReply(`Sorry — something went wrong on our side (error id ${errorId}). Please try again in a minute.`, 'error', {
    errorId,
  });
}

/**
 * Everything that can refuse an invocation, fast and without network: adapters call this first, answer a
 * failure at once (privately), and only then defer with `visibility` and call `runValidated`.
 */
export async function validateInvocation(
  invocation: Invocation,
  services: CommandServices,
  registry: readonly CommandSpec[],
): Promise<Validation> {
  const started = performance.now();
  const validation = await validate(invocation, services, registry);
  if (!validation.ok) {
    // Refusals are counted here, accepted invocations when their handler ends (runValidated). An unknown name is
    // 'unknown': a metric label must not carry whatever a user typed.
    const name = invocation.subcommand.toLowerCase();
    const known = registry.some((s) => s.name === name);
    services.metrics?.recordCommand(known ? name : 'unknown', validation.reply.outcome, performance.now() - started);
  }
  return validation;
}

async function validate(invocation: Invocation, services: CommandServices, registry: readonly CommandSpec[]): Promise<Validation> {
  const spec = registry.find((s) => s.name === invocation.subcommand.toLowerCase());
  if (!spec) {
    const lead = `There is no /papers ${invocation.subcommand.slice(0, 40)}.`;
    return { ok: false, reply: helpReply(registry, null, 'usage', lead) };
  }
  try {
    const now = services.clock.now();
    const options = validateOptions(spec, invocation.options, now);
    if (resolve(spec.who, options) === 'manager' && !invocation.user.isManager) {
      const action = spec.managerAction === undefined ? `use /papers ${spec.name}` : resolve(spec.managerAction, options);
      return { ok: false, reply: privateReply(`Only ${invocation.managerRule} can ${action}.`, 'refused') };
    }
    const offset = Math.min(MAX_OFFSET, Math.max(0, Math.trunc(invocation.offset ?? 0) || 0));
    const log = services.log.child({ subcommand: spec.name, channel: channelKey(invocation.channel) });
    const context: CommandContext = { options, invocation, services, log, offset, now, registry };
    await spec.precheck?.(context);
    return { ok: true, spec, context, visibility: resolve(spec.visibility, options) };
  } catch (error) {
    return { ok: false, reply: failureReply(error, invocation, spec, services) };
  }
}

/** Runs a validated invocation's handler; the reply carries its origin for Share and paging. */
export async function runValidated(validation: Extract<Validation, { ok: true }>): Promise<Reply> {
  const { spec, context } = validation;
  const started = performance.now();
  let reply: Reply;
  try {
    reply = {
      ...(await spec.handler(context)),
      origin: { subcommand: spec.name, options: context.invocation.options, offset: context.offset },
    };
  } catch (error) {
    reply = failureReply(error, context.invocation, spec, context.services);
  }
  context.services.metrics?.recordCommand(spec.name, reply.outcome, performance.now() - started);
  return reply;
}

/** Validates and runs one invocation; always resolves to a reply. */
export async function dispatch(invocation: Invocation, services: CommandServices, registry: readonly CommandSpec[]): Promise<Reply> {
  const validation = await validateInvocation(invocation, services, registry);
  return validation.ok ? runValidated(validation) : validation.reply;
}

/** Parses argument text (Slack, `paperboy cmd`) and dispatches it; parse failures get the generated help. */
export async function dispatchText(
  text: string,
  context: InvocationContext,
  services: CommandServices,
  registry: readonly CommandSpec[],
): Promise<Reply> {
  const parsed = parseArgumentText(text, registry);
  if (parsed.ok) return dispatch({ ...context, subcommand: parsed.subcommand, options: parsed.options }, services, registry);
  if (parsed.reason === 'empty') return helpReply(registry, null, 'help', undefined, context.managerRule);
  return helpReply(registry, parsed.subcommand, 'usage', parsed.message ?? undefined, context.managerRule);
}
