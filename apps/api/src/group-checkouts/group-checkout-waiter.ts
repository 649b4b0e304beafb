import { GROUP_CHECKOUT_CATEGORY, GroupCheckoutService, GroupState, groupCheckoutStreamName } from '@app/domain';
import { ChangeNotifier } from '@app/store/core';
import { isSettled } from './group-checkout-view';

export interface GroupCheckoutWaiterOptions {
  /** Re-read this often even without a hint, since hints can be lost. */
  readonly fallbackIntervalMs: number;
}

/**
 * Answers a group checkout as soon as none of its stays is pending, or as it stands when the wait runs out. It wakes
 * on the notifier's hints that name its group's stream (or no stream: after a reconnect) and on a coarse fallback
 * timer; hints arriving during a read make one re-read after it. It never polls in a tight loop, and it releases its
 * subscription and timers on every path (settled, timed out, failed, aborted). Reads go to the replica.
 */
export class GroupCheckoutWaiter {
  constructor(
    private readonly groups: GroupCheckoutService,
    private readonly notifier: ChangeNotifier,
    private readonly options: GroupCheckoutWaiterOptions,
  ) {}

  readWhenSettled(groupId: string, timeoutMs: number, signal: AbortSignal): Promise<GroupState> {
    if (timeoutMs === 0) return this.read(groupId);
    return new Promise<GroupState>((resolve, reject) => {
      let latest: GroupState | undefined;
      let reading = false;
      let hintedDuringRead = false;
      let finished = false;

      const finish = (settle: () => void) => {
        if (finished) return;
        finished = true;
        unsubscribe();
        clearInterval(fallback);
        clearTimeout(deadline);
        signal.removeEventListener('abort', onAbort);
        settle();
      };
      const reread = async (): Promise<void> => {
        if (finished) return;
        if (reading) {
          hintedDuringRead = true;
          return;
        }
        reading = true;
        try {
          do {
            hintedDuringRead = false;
            latest = await this.read(groupId);
          } while (hintedDuringRead && !finished);
        } catch (error) {
          finish(() => reject(error));
          return;
        } finally {
          reading = false;
        }
        const state = latest;
        if (!state.exists || isSettled(state)) finish(() => resolve(state));
      };
      const timeOut = () =>
        finish(() => {
          // One last read, so that the answer is current even if the hint for the latest write was lost.
          this.read(groupId).then(resolve, reject);
        });
      const onAbort = () => finish(() => reject(signal.reason));

      // Subscribing before the first read: a write in between still wakes us.
      const ownStream = groupCheckoutStreamName(groupId);
      const unsubscribe = this.notifier.subscribe(GROUP_CHECKOUT_CATEGORY, (streamName) => {
        if (streamName === undefined || streamName === ownStream) void reread();
      });
      const fallback = setInterval(() => void reread(), this.options.fallbackIntervalMs);
      const deadline = setTimeout(timeOut, timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      else void reread();
    });
  }

  /** From the replica; but a group it does not have may just have been created, and only the leader can tell. */
  private async read(groupId: string): Promise<GroupState> {
    const replicated = await this.groups.read(groupId, 'replica');
    return replicated.exists ? replicated : this.groups.read(groupId, 'leader');
  }
}
