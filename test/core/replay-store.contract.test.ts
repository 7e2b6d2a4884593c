/** The in-memory ReplayStore runs the ReplayStore contract; one process's memory, so not the cases of shared stores. */
import { createMemoryReplayStore } from '../../src/core/replay-store.ts';
import { describeReplayStoreContract } from '../contracts/replay-store.contract.ts';

describeReplayStoreContract('memory', () => ({ open: ({ clock, ttlMs }) => createMemoryReplayStore({ clock, ttlMs }) }), { shared: false });
