/**
 * An interaction payload received over HTTP becomes the same discord.js interaction object the gateway delivers,
 * emitted as `interactionCreate` on the client, so both delivery modes share one listener and one handler
 * (docs/architecture.md §11).
 *
 * The discord.js API this relies on (14.x): its gateway handler for INTERACTION_CREATE does nothing but pass the
 * payload to the client's InteractionCreate action, `client.actions.InteractionCreate.handle(data)`. The action picks
 * the class from the interaction type and the command or component type (ChatInputCommandInteraction,
 * AutocompleteInteraction, ButtonInteraction, …), constructs it with the client and emits `Events.InteractionCreate`.
 * The objects' reply methods (`reply`, `deferReply`, `deferUpdate`, `respond`, `editReply`, `followUp`) answer through
 * REST (the interaction callback and the interaction webhook) and need no gateway connection. `client.actions` is
 * private (typed `private actions: unknown`), so it is looked up once when the emitter is made and a discord.js
 * without it fails at start-up with this module's name, not at the first interaction.
 *
 * Without a gateway there is no READY, which is where discord.js sets `client.application`; interactions read it
 * when their payload lists entitlements. The emitter sets it from the application id, as READY would.
 */
import { ClientApplication, type Client } from 'discord.js';

interface InteractionCreateAction {
  handle(data: unknown): void;
}

/** What the emitter needs of discord.js's private `client.actions` and `ClientApplication` constructor. */
type ClientInternals = { actions?: { InteractionCreate?: Partial<InteractionCreateAction> } };
type ApplicationConstructor = new (client: Client, data: { id: string; flags: number }) => ClientApplication;

/** Returns a function that emits one raw interaction payload (already verified) as `interactionCreate` on `client`. */
export function createInteractionEmitter(client: Client, applicationId: string): (payload: Record<string, unknown>) => void {
  const action = (client as unknown as ClientInternals).actions?.InteractionCreate;
  if (typeof action?.handle !== 'function')
    throw new Error('discord.js no longer has client.actions.InteractionCreate: interactions over HTTP need emit-interaction.ts updated');
  const handle = action.handle.bind(action);
  client.application ??= new (ClientApplication as unknown as ApplicationConstructor)(client, { id: applicationId, flags: 0 });
  return (payload) => handle(payload);
}
