/**
 * @module storage
 * The durable store of the embedded API server. See types.ts for the contract and sqlite-store.ts for
 * the implementation notes (frozen shared objects, durability, compaction).
 */
export type * from './types';
export type { CompactionPolicy } from './compaction';
export { defaultCompactionPolicy } from './compaction';
export { createSqliteStore, resourceOfStorageKey } from './sqlite-store';
export type { SqliteStore, SqliteStoreConfig } from './sqlite-store';
