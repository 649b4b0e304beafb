import type { DeskApi, GroupView } from '../api/desk-api';

const RECONNECT_DELAY_MS = 1_000;

/**
 * Follows a group checkout through its event stream (the view now, then each change as the reactor merges its stays,
 * payments, the confirmation) until it is confirmed; reconnects when the server ends the stream before that (a
 * restart). Stops when `signal` aborts (the clerk opened something else).
 */
export async function watchGroup(api: DeskApi, groupCheckoutId: string, onView: (view: GroupView) => void, signal: AbortSignal): Promise<void> {
  let confirmed = false;
  while (!confirmed && !signal.aborted) {
    for await (const view of api.groupViews(groupCheckoutId, signal)) {
      onView(view);
      confirmed = view.status === 'confirmed';
    }
    if (!confirmed) await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
  }
}
