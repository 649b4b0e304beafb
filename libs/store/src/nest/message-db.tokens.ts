/** The primary's pool (pg.Pool from createPool). */
export const MESSAGE_DB_POOL = Symbol('MESSAGE_DB_POOL');
/** The replica's pool, or undefined when reads go to the primary. */
export const MESSAGE_DB_READ_POOL = Symbol('MESSAGE_DB_READ_POOL');
/** The MessageDbStore on those pools: an EventStore. */
export const MESSAGE_DB_STORE = Symbol('MESSAGE_DB_STORE');
/** The MessageDbChangeNotifier (LISTEN on the primary): a ChangeNotifier. */
export const MESSAGE_DB_NOTIFIER = Symbol('MESSAGE_DB_NOTIFIER');
