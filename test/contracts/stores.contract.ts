/** Every store contract in one call: what a database's runner (SQLite today) calls with its factory. */
import { describeCandidateStoreContract } from './candidate-store.contract.ts';
import { describeChannelStoreContract } from './channel-store.contract.ts';
import { describeDeliveryStoreContract } from './delivery-store.contract.ts';
import { describePaperStoreContract } from './paper-store.contract.ts';
import { describeSourceRunStoreContract } from './source-run-store.contract.ts';
import type { MakeStores } from './store-set.ts';

export type { MakeStores, StoreSet } from './store-set.ts';

/** Runs the ChannelStore, DeliveryStore, SourceRunStore, PaperStore and CandidateStore contracts against `makeStores`. */
export function describeStoreContracts(name: string, makeStores: MakeStores): void {
  describeChannelStoreContract(name, makeStores);
  describeDeliveryStoreContract(name, makeStores);
  describeSourceRunStoreContract(name, makeStores);
  describePaperStoreContract(name, makeStores);
  describeCandidateStoreContract(name, makeStores);
}
