import { ChangeNotifier } from '../core/change-notifier';
import { categoryOf } from '../core/stream-name';
import { MemoryStore } from './memory-store';

export class MemoryChangeNotifier implements ChangeNotifier {
  constructor(private readonly store: MemoryStore) {}

  subscribe(category: string, listener: (streamName: string | undefined) => void): () => void {
    return this.store.onCommit((streamName) => {
      if (categoryOf(streamName) === category) queueMicrotask(() => listener(streamName));
    });
  }
}
