import { MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { toGroupCheckoutView } from './group-checkout-view';
import { GroupCheckoutWaiter } from './group-checkout-waiter';

/**
 * The group checkout's views as Server-Sent Events (`event: view`, `id: <version>`): the current one, then one per
 * newer version the waiter reads, completing after the view that shows the group confirmed. Unsubscribing (the client
 * left) stops the watch: no more reads, no notifier subscription, no timer.
 */
export function groupEvents(waiter: GroupCheckoutWaiter, groupId: string): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    let sentVersion = -1;
    return waiter.watch(
      groupId,
      ({ state, version }) => {
        // A lagging replica may answer an older version than one already sent: only newer ones are news.
        if (version <= sentVersion) return;
        sentVersion = version;
        subscriber.next({ type: 'view', id: String(version), data: toGroupCheckoutView(groupId, state) });
        if (state.confirmed) subscriber.complete();
      },
      (error) => subscriber.error(error),
    );
  });
}
