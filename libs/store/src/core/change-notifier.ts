/**
 * A wake-up hint that a category was written to. Hints may be lost or spurious: a reader that wakes must still read
 * the store, and must not rely on a hint arriving.
 */
export interface ChangeNotifier {
  /** Calls `listener` after a write to `category` is committed. Returns the unsubscribe function. */
  subscribe(category: string, listener: () => void): () => void;
}
