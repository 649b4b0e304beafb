import { BeforeApplicationShutdown, Controller, MessageEvent, Param, Res, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import { Observable, Subscriber } from 'rxjs';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { existingView } from './group-checkout-answers';
import { toGroupCheckoutView } from './group-checkout-view';
import { GroupCheckoutWaiter } from './group-checkout-waiter';

/**
 * Server-Sent Events of a group checkout. A controller of its own, without interceptors: with one, Nest would run the
 * handler only once the stream's headers are out, and an unknown group could no longer be answered with a 404.
 * Shutting down ends the open streams, and waits until their responses are finished: the HTTP server would otherwise
 * wait for their clients to leave (or, for a response still finishing, for its keep-alive timeout).
 */
@ApiTags('group-checkouts')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 404, 500, 503)
@Controller('group-checkouts/:groupCheckoutId/events')
export class GroupCheckoutEventsController implements BeforeApplicationShutdown {
  private readonly open = new Map<Subscriber<MessageEvent>, ServerResponse>();

  constructor(private readonly waiter: GroupCheckoutWaiter) {}

  async beforeApplicationShutdown(): Promise<void> {
    const streams = [...this.open];
    for (const [subscriber] of streams) subscriber.complete();
    await Promise.all(streams.map(([, response]) => finished(response).catch(() => undefined)));
  }

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
  async events(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Observable<MessageEvent>> {
    // Checked before the stream starts, while a 404 problem can still be sent.
    existingView(groupId, (await this.waiter.read(groupId)).state);
    return new Observable<MessageEvent>((subscriber) => {
      this.open.set(subscriber, response);
      const stopWatching = watchViews(this.waiter, groupId, subscriber);
      return () => {
        stopWatching();
        this.open.delete(subscriber);
      };
    });
  }
}

/**
 * Sends the group checkout's views as events (`event: view`, `id: <version>`): the current one, then one per newer
 * version the waiter reads, completing after the view that shows the group confirmed. The returned function (called
 * when the client left, or the stream ended) stops the watch: no more reads, no notifier subscription, no timer.
 */
function watchViews(waiter: GroupCheckoutWaiter, groupId: string, subscriber: Subscriber<MessageEvent>): () => void {
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
}
