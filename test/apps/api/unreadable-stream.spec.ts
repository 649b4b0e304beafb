import { groupCheckoutStreamName, guestStayStreamName } from '@app/domain';
import { MemoryStore, createPool } from '@app/store';
import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Response } from 'supertest';
import { createApiApp } from '../../support/api-app';
import { TestDatabase, createTestDatabase } from '../../support/database';
import { HotelClient } from './hotel-client';

const UNREADABLE_STREAM = 'urn:hotel-checkout:problem:unreadable-stream';
const BAD_CHARGE = { amount: 5, at: '2026-04-08T13:29:30.123Z', chargeId: 'not-a-uuid' };
const BAD_CHARGE_REASON = 'Malformed GuestStay Charged event: "chargeId" must be a UUID, got "not-a-uuid"';

interface UnreadableEvent {
  readonly streamName: string;
  readonly position: number;
  readonly globalPosition: number;
  readonly eventType: string;
  readonly reason: string;
}

function expectUnreadableStream(response: Response, event: UnreadableEvent, instance: string): void {
  expect(response.status).toBe(500);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual({
    type: UNREADABLE_STREAM,
    title: 'Unreadable stream',
    status: 500,
    detail:
      `Event ${event.position} (global position ${event.globalPosition}) of stream ${event.streamName}, ` +
      `a ${event.eventType}, cannot be read: ${event.reason}. The stream must be repaired before it can be used.`,
    instance,
    ...event,
  });
}

/** The Problems logger's error lines during `work`. */
async function problemErrorsDuring(work: () => Promise<void>): Promise<string[]> {
  const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  try {
    await work();
    return errors.mock.calls.map((call) => call.join(' | '));
  } finally {
    errors.mockRestore();
  }
}

describe('an unreadable stream (in memory)', () => {
  const store = new MemoryStore();
  let app: NestExpressApplication;
  let client: HotelClient;

  beforeAll(async () => {
    app = await createApiApp({ store: store, logLevels: false });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(() => app.close());

  async function appendRaw(streamName: string, type: string, data: unknown): Promise<number> {
    const position = (await store.readStream(streamName)).length;
    await store.appendToStream(streamName, position, [{ id: randomUUID(), type, data }]);
    return position;
  }

  async function globalPositionOf(streamName: string, position: number): Promise<number> {
    return (await store.readStream(streamName))[position].globalPosition;
  }

  it('answers GET of a stay, and commands on it, with the unreadable-stream problem, logged once each', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    const streamName = guestStayStreamName(stayId);
    const position = await appendRaw(streamName, 'Charged', BAD_CHARGE);
    const event = {
      streamName,
      position,
      globalPosition: await globalPositionOf(streamName, position),
      eventType: 'Charged',
      reason: BAD_CHARGE_REASON,
    };

    const logged = await problemErrorsDuring(async () => {
      expectUnreadableStream(await client.stay(stayId), event, `/stays/${stayId}`);
      expectUnreadableStream(await client.charge(stayId, 1), event, `/stays/${stayId}/charges`);
    });
    expect(logged).toHaveLength(2);
    for (const line of logged) {
      expect(line).toContain(streamName);
      expect(line).toContain(BAD_CHARGE_REASON);
    }
    expect(await store.readStream(streamName)).toHaveLength(2); // the command wrote nothing
  });

  it('answers a body that is not an object the same way', async () => {
    const stayId = randomUUID();
    const streamName = guestStayStreamName(stayId);
    await appendRaw(streamName, 'CheckedIn', ['2026-04-08T13:29:30.123Z']);
    const response = await client.checkOut(stayId);
    expectUnreadableStream(
      response,
      {
        streamName,
        position: 0,
        globalPosition: await globalPositionOf(streamName, 0),
        eventType: 'CheckedIn',
        reason: 'Malformed GuestStay CheckedIn event: the body must be a JSON object, got ["2026-04-08T13:29:30.123Z"]',
      },
      `/stays/${stayId}/check-out`,
    );
  });

  it('answers GET of a group, waiting or not, and confirm, with the same problem type', async () => {
    const groupId = randomUUID();
    await client.select(groupId, [randomUUID()]).expect(202);
    const streamName = groupCheckoutStreamName(groupId);
    const position = await appendRaw(streamName, 'StaysMerged', []);
    const event = {
      streamName,
      position,
      globalPosition: await globalPositionOf(streamName, position),
      eventType: 'StaysMerged',
      reason: 'Malformed GroupCheckout StaysMerged event: the body must be a JSON object, got []',
    };

    expectUnreadableStream(await client.group(groupId), event, `/group-checkouts/${groupId}`);
    expectUnreadableStream(await client.group(groupId, 50), event, `/group-checkouts/${groupId}?wait=50`);
    expectUnreadableStream(await client.confirm(groupId), event, `/group-checkouts/${groupId}/confirm`);
  });

  it('still skips event types it does not know', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    await appendRaw(guestStayStreamName(stayId), 'RoomUpgraded', { room: 'not-a-room' });
    await client.stay(stayId).expect(200);
  });
});

describe('an unreadable stream (on Message DB)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let app: NestExpressApplication;
  let client: HotelClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 2 });
    app = await createApiApp({ environment: { DATABASE_URL: database.url, DB_CONNECTIONS: '5' }, logLevels: false });
    client = new HotelClient(app.getHttpServer());
  });
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await database?.drop();
  });

  /** Writes an event straight into Message DB, as a foreign or broken writer would; answers its row. */
  async function writeRaw(streamName: string, type: string, data: unknown) {
    const id = randomUUID();
    await pool.query('SELECT message_store.write_message($1, $2, $3, $4::jsonb)', [id, streamName, type, JSON.stringify(data)]);
    const { rows } = await pool.query<{ position: number; global_position: number }>(
      'SELECT position, global_position FROM message_store.messages WHERE id = $1',
      [id],
    );
    return { id, position: Number(rows[0].position), globalPosition: Number(rows[0].global_position) };
  }

  it('answers GET and commands with the problem, naming the global position, until the row is repaired', async () => {
    const stayId = randomUUID();
    await client.checkIn(stayId).expect(200);
    const streamName = guestStayStreamName(stayId);
    const row = await writeRaw(streamName, 'Charged', BAD_CHARGE);
    const event = { streamName, position: row.position, globalPosition: row.globalPosition, eventType: 'Charged' };
    expect(row.position).toBe(1);

    expectUnreadableStream(await client.stay(stayId), { ...event, reason: BAD_CHARGE_REASON }, `/stays/${stayId}`);
    expectUnreadableStream(
      await client.payStay(stayId, 1),
      { ...event, reason: BAD_CHARGE_REASON },
      `/stays/${stayId}/payments`,
    );

    const repaired = { ...BAD_CHARGE, chargeId: randomUUID() };
    await pool.query('UPDATE message_store.messages SET data = $1::jsonb WHERE id = $2', [JSON.stringify(repaired), row.id]);
    const stay = await client.stay(stayId).expect(200);
    expect(stay.body).toMatchObject({ status: 'open', balance: 5 });
  });

  it('answers GET of a group whose stream is unreadable with the same problem type', async () => {
    const groupId = randomUUID();
    await client.select(groupId, [randomUUID()]).expect(202);
    const streamName = groupCheckoutStreamName(groupId);
    const row = await writeRaw(streamName, 'MergesFailed', { stays: 'everything' });
    expectUnreadableStream(
      await client.group(groupId),
      {
        streamName,
        position: row.position,
        globalPosition: row.globalPosition,
        eventType: 'MergesFailed',
        reason: 'Malformed GroupCheckout MergesFailed event: "stays" must be an array, got "everything"',
      },
      `/group-checkouts/${groupId}`,
    );
  });
});
