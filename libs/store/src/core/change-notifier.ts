/**
 * A wake-up hint that a stream of a category was written to. Hints may be lost, spurious or merged: a reader that wakes
 * must still read the store, and must not rely on a hint arriving.
 */
export interface ChangeNotifier {
  /**
   * Calls `listener` after a write to a stream of `category` is committed, with that stream's name; or with undefined
   * when anything in the category may have changed unheard (e.g. after the notifier reconnected). Returns the
   * unsubscribe function.
   */
  subscribe(category: string, listener: (streamName: string | undefined) => void): () => void;
}
