/**
 * What the API needs from the storage layer, as provider tokens: StoreModule provides them on Message DB; a test
 * overrides them (overrideProvider) with a store of its own.
 */

/** The EventStore commands and queries run on. */
export const EVENT_STORE = Symbol('EventStore');
/** The StateCache the commands' Categories share (STATE_CACHE_ENTRIES streams). */
export const STATE_CACHE = Symbol('StateCache');
/** Wake-up hints after writes (a ChangeNotifier), used by `GET /group-checkouts/{id}?wait=`. */
export const CHANGE_NOTIFIER = Symbol('ChangeNotifier');
/** A StoreReadiness check, for the readiness probe. */
export const STORE_READINESS = Symbol('StoreReadiness');

/** Resolves when the store is reachable and ready to serve; rejects with the reason otherwise. */
export type StoreReadiness = () => Promise<void>;
