import { ServerSentEvent, serverSentEvents } from '../../apps/desk/src/api/server-sent-events';

/** A body delivered in the given chunks, as a network may split it anywhere. */
function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function eventsOf(stream: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of serverSentEvents(stream)) events.push(event);
  return events;
}

describe("the desk's Server-Sent Events reader", () => {
  it('frames events split anywhere across chunks, with any line ending', async () => {
    const text = 'event: view\nid: 3\ndata: {"a":1}\n\n: keep-alive\n\nevent: view\r\nid: 4\r\ndata: {"a":2}\r\n\r\n';
    for (const cut of [1, 7, 20, 33, text.length - 3]) {
      expect(await eventsOf(body(text.slice(0, cut), text.slice(cut)))).toEqual([
        { event: 'view', id: '3', data: '{"a":1}' },
        { event: 'view', id: '4', data: '{"a":2}' },
      ]);
    }
  });

  it('joins data lines, defaults the type to message, and drops an unfinished last event', async () => {
    expect(await eventsOf(body('data: one\ndata:two\n\nevent: view\ndata: cut off'))).toEqual([
      { event: 'message', id: undefined, data: 'one\ntwo' },
    ]);
  });

  it('decodes characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('data: Zoë\n\n');
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 9));
        controller.enqueue(bytes.slice(9));
        controller.close();
      },
    });
    expect(await eventsOf(split)).toEqual([{ event: 'message', id: undefined, data: 'Zoë' }]);
  });
});
