import { DeskApi, GROUP_WAIT_MS, type GroupView } from '../api/desk-api';

/**
 * Follows a group checkout while the reactor merges its stays: shows the view at once, then waits on the API
 * (`?wait=`) until nothing is pending. Stops when `signal` aborts (the clerk opened something else).
 */
export async function watchGroup(api: DeskApi, groupCheckoutId: string, onView: (view: GroupView) => void, signal: AbortSignal): Promise<void> {
  let view = await api.groupCheckout(groupCheckoutId, 0, signal);
  onView(view);
  while (view.pending.length > 0 && !signal.aborted) {
    view = await api.groupCheckout(groupCheckoutId, GROUP_WAIT_MS, signal);
    onView(view);
  }
}
