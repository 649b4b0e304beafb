import { IncomingMessage, request } from 'node:http';
import { AddressInfo, Server } from 'node:net';

export interface ServerSentEvent {
  readonly event?: string;
  readonly id?: string;
  readonly data: string;
}

/** A Server-Sent Events response as it arrives: its messages, one at a time or all once the server ends it. */
export class EventStreamClient {
  readonly messages: ServerSentEvent[] = [];
  readonly response: Promise<IncomingMessage>;
  /** Resolves when the server ends the stream (not when the client closes it). */
  readonly ended: Promise<void>;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private readonly close: () => void;

  constructor(server: Server, path: string) {
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream' } });
    this.close = () => req.destroy();
    this.response = new Promise((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    this.ended = this.response.then(
      (response) =>
        new Promise<void>((resolve) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => this.receive(chunk));
          response.on('end', resolve);
        }),
    );
    req.end();
  }

  /** Resolves once `count` messages have arrived. */
  async until(count: number): Promise<ServerSentEvent[]> {
    while (this.messages.length < count) await this.nextChunk();
    return this.messages.slice(0, count);
  }

  /** Resolves with the first message (already arrived or still to come) whose data satisfies `matches`. */
  async untilData(matches: (data: unknown) => boolean): Promise<ServerSentEvent> {
    for (;;) {
      const found = this.messages.find((m) => matches(JSON.parse(m.data)));
      if (found) return found;
      await this.nextChunk();
    }
  }

  private nextChunk(): Promise<void> {
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** The client leaves. */
  disconnect(): void {
    this.close();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const message = parse(block);
      if (message) this.messages.push(message);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** One message block; undefined for a comment-only block (a keep-alive). */
function parse(block: string): ServerSentEvent | undefined {
  const fields: Record<string, string[]> = {};
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    (fields[name] ??= []).push(value);
  }
  if (fields.data === undefined) return undefined;
  return { event: fields.event?.[0], id: fields.id?.[0], data: fields.data.join('\n') };
}
