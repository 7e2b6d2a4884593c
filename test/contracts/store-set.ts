/**
 * What the store contract suites get from an implementation: every store port over one fresh, empty database.
 * The suites use the ports only, so a new database (PostgreSQL, …) needs a runner that calls them and nothing else.
 */
import type { CandidateStore, ChannelStore, DeliveryStore, PaperStore, SourceRunStore } from '../../src/core/ports.ts';

/** The stores of one database, named as `createSqliteStore` names them. */
export interface StoreSet {
  papers: PaperStore;
  runs: SourceRunStore;
  channels: ChannelStore;
  deliveries: DeliveryStore;
  candidates: CandidateStore;
}

/** Stores over a fresh, empty database for one test; the runner cleans up after the test. */
export type MakeStores = () => StoreSet | Promise<StoreSet>;

/** The instant the store suites build their timelines around. */
export const T0 = new Date('2025-03-03T09:00:00.000Z');

/** `T0` plus `minutes`. */
export const minutesAfter = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
