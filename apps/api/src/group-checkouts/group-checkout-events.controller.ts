import { Controller, MessageEvent, Param, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { existingView } from './group-checkout-answers';
import { toGroupCheckoutView } from './group-checkout-view';
import { GroupCheckoutWaiter } from './group-checkout-waiter';

/**
 * Server-Sent Events of a group checkout. A controller of its own, without interceptors: with one, Nest would run the
 * handler only once the stream's headers are out, and an unknown group could no longer be answered with a 404.
 */
@ApiTags('group-checkouts')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 404, 500, 503)
@Controller('group-checkouts/:groupCheckoutId/events')
export class GroupCheckoutEventsController {
  constructor(private readonly waiter: GroupCheckoutWaiter) {}

  @Sse()
  @ApiOperation({
    summary: 'Follow a group checkout as Server-Sent Events until it is confirmed',
    description:
      'Each message is `event: view`, `id: <stream version>`, `data: <GroupCheckoutView JSON>`: the view now, then ' +
      'each time it changes. The stream ends after the view that shows the group confirmed.',
  })
  @ApiParam({ name: 'groupCheckoutId', format: 'uuid', description: 'Any letter case, hyphens optional' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async events(@Param('groupCheckoutId', UuidParamPipe) groupId: string): Promise<Observable<MessageEvent>> {
    // Checked before the stream starts, while a 404 problem can still be sent.
    existingView(groupId, (await this.waiter.read(groupId)).state);
    return groupEvents(this.waiter, groupId);
  }
}

/**
 * The group checkout's views as events (`event: view`, `id: <version>`): the current one, then one per newer version
 * the waiter reads, completing after the view that shows the group confirmed. Unsubscribing (the client left) stops
 * the watch: no more reads, no notifier subscription, no timer.
 */
function groupEvents(waiter: GroupCheckoutWaiter, groupId: string): Observable<MessageEvent> {
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
