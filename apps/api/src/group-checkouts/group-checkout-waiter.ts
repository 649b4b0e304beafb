import { GROUP_CHECKOUT_CATEGORY, GroupCheckoutService, GroupState, groupCheckoutStreamName } from '@app/domain';
import { ChangeNotifier, Loaded } from '@app/store/core';
import { isSettled } from './group-checkout-view';

export interface GroupCheckoutWaiterOptions {
  /** Re-read this often even without a hint, since hints can be lost. */
  readonly fallbackIntervalMs: number;
}

/** A group checkout as read, with the version of its stream. */
export type LoadedGroup = Loaded<GroupState>;

/**
 * Follows a group checkout: `?wait=` (readWhenSettled) and the event stream (watch) both wake on the notifier's hints
 * that name the group's stream (or no stream: after a reconnect) and on a coarse fallback timer; hints arriving during
 * a read make one re-read after it. It never polls in a tight loop, and it releases its subscription and timers on
 * every path (settled, timed out, failed, aborted, stopped). Reads go to the replica.
 */
export class GroupCheckoutWaiter {
  constructor(
    private readonly groups: GroupCheckoutService,
    private readonly notifier: ChangeNotifier,
    private readonly options: GroupCheckoutWaiterOptions,
  ) {}

  /**
   * Reads the group at once, then on every hint and fallback tick, handing each read (the last, when hints came during
   * reads) to `onRead` until the returned function stops it. A failed read stops the watch and goes to `onError`.
   */
  watch(groupId: string, onRead: (group: LoadedGroup) => void, onError: (error: unknown) => void): () => void {
    let reading = false;
    let hintedDuringRead = false;
    let stopped = false;
    const stop = () => {
      stopped = true;
      unsubscribe();
      clearInterval(fallback);
    };
    const reread = async (): Promise<void> => {
      if (stopped) return;
      if (reading) {
        hintedDuringRead = true;
        return;
      }
      reading = true;
      let group: LoadedGroup;
      try {
        do {
          hintedDuringRead = false;
          group = await this.read(groupId);
        } while (hintedDuringRead && !stopped);
      } catch (error) {
        if (!stopped) {
          stop();
          onError(error);
        }
        return;
      } finally {
        reading = false;
      }
      if (!stopped) onRead(group);
    };
    // Subscribing before the first read: a write in between still wakes us.
    const ownStream = groupCheckoutStreamName(groupId);
    const unsubscribe = this.notifier.subscribe(GROUP_CHECKOUT_CATEGORY, (streamName) => {
      if (streamName === undefined || streamName === ownStream) void reread();
    });
    const fallback = setInterval(() => void reread(), this.options.fallbackIntervalMs);
    void reread();
    return stop;
  }

  /** Answers the group as soon as none of its stays is pending, or as it stands when the wait runs out. */
  readWhenSettled(groupId: string, timeoutMs: number, signal: AbortSignal): Promise<LoadedGroup> {
    if (timeoutMs === 0) return this.read(groupId);
    return new Promise<LoadedGroup>((resolve, reject) => {
      let finished = false;
      let stopWatching = () => {};
      const finish = (settle: () => void) => {
        if (finished) return;
        finished = true;
        stopWatching();
        clearTimeout(deadline);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      const timeOut = () =>
        finish(() => {
          // One last read, so that the answer is current even if the hint for the latest write was lost.
          this.read(groupId).then(resolve, reject);
        });
      const onAbort = () => finish(() => reject(signal.reason));
      const deadline = setTimeout(timeOut, timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) return onAbort();
      stopWatching = this.watch(
        groupId,
        (group) => {
          if (!group.state.exists || isSettled(group.state)) finish(() => resolve(group));
        },
        (error) => finish(() => reject(error)),
      );
    });
  }

  /** From the replica; but a group it does not have may just have been created, and only the leader can tell. */
  async read(groupId: string): Promise<LoadedGroup> {
    const replicated = await this.groups.readVersioned(groupId, 'replica');
    return replicated.state.exists ? replicated : this.groups.readVersioned(groupId, 'leader');
  }
}
