import { ChangeNotifier, EventStore } from '@app/store/core';

/** What the API needs from the storage layer; built from configuration (Message DB) or injected (tests). */
export interface StoreInfrastructure {
  readonly store: EventStore;
  /** Wake-up hints after writes, used by `GET /group-checkouts/{id}?wait=`. */
  readonly notifier: ChangeNotifier;
  /** Resolves when the store is reachable and ready to serve; rejects with the reason otherwise. */
  checkReadiness(): Promise<void>;
  /** Releases connections and listeners; called once on application shutdown. */
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
export const CHANGE_NOTIFIER = Symbol('ChangeNotifier');
export const STORE_INFRASTRUCTURE = Symbol('StoreInfrastructure');
