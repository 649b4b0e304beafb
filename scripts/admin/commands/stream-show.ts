import { GroupCheckout, GuestStay, parseUuid } from '@app/domain';
import { EventCodec, MessageDbStore, RecordedEvent, decodeRecorded } from '@app/store';
import pg from 'pg';
import { AdminCommand } from '../command';
import { notFound } from '../errors';

/** The codecs of the categories this service writes, to show whether each stored event decodes. */
const CODECS: Readonly<Record<string, EventCodec<unknown>>> = {
  [GroupCheckout.GROUP_CHECKOUT_CATEGORY]: GroupCheckout.codec,
  [GuestStay.GUEST_STAY_CATEGORY]: GuestStay.codec,
};

interface ShownEvent {
  readonly position: number;
  readonly globalPosition: number;
  readonly time: Date;
  readonly type: string;
  readonly id: string;
  readonly data: unknown;
  readonly metadata: unknown;
  /** Why the service cannot decode it (a poisoned event), when it cannot. */
  readonly undecodable?: string;
}

const show: AdminCommand = {
  words: ['stream', 'show'],
  args: '<stream-name | group or stay id | message id>',
  summary: "a stream's events, decoded: position, global position, time, type, data and metadata",
  arity: [1, 1],
  async run(context, { positionals: [given] }) {
    const store = new MessageDbStore({ writePool: context.store });
    const shown: { streamName: string; events: ShownEvent[] }[] = [];
    for (const streamName of await streamsNamedBy(context.store, given)) {
      const events = await store.readStream(streamName);
      if (events.length > 0) shown.push({ streamName, events: events.map(showEvent) });
    }
    if (shown.length === 0) throw notFound(`No stream named "${given}", nor one of that group, stay or message id`);
    const rows = shown.flatMap(({ streamName, events }) =>
      events.map((e) => [streamName, e.position, e.globalPosition, e.time, e.type, e.undecodable ? `UNDECODABLE: ${e.undecodable}` : e.data, e.metadata]),
    );
    return { table: { columns: ['STREAM', 'POS', 'GLOBAL', 'TIME', 'TYPE', 'DATA', 'METADATA'], rows }, data: shown };
  },
};

export const STREAM_COMMANDS: readonly AdminCommand[] = [show];

/** A stream name as given; for a UUID, the group's and the stay's streams and the stream holding a message of that id. */
async function streamsNamedBy(pool: pg.Pool, given: string): Promise<string[]> {
  const id = parseUuid(given);
  if (id === undefined) return [given];
  const named = [GroupCheckout.groupCheckoutStreamName(id), GuestStay.guestStayStreamName(id), ...(await streamOfMessage(pool, id))];
  return [...new Set(named)];
}

async function streamOfMessage(pool: pg.Pool, messageId: string): Promise<string[]> {
  const { rows } = await pool.query<{ stream_name: string }>('SELECT stream_name FROM message_store.messages WHERE id = $1', [messageId]);
  return rows.map((r) => r.stream_name);
}

function showEvent(event: RecordedEvent): ShownEvent {
  const { position, globalPosition, time, type, id, data, metadata } = event;
  return { position, globalPosition, time, type, id, data, metadata, undecodable: undecodableReason(event) };
}

function undecodableReason(event: RecordedEvent): string | undefined {
  const codec = CODECS[event.streamName.split('-')[0]];
  if (!codec) return undefined;
  try {
    decodeRecorded(codec, event);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
