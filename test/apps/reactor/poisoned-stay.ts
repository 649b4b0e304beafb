import { GuestStayService, guestStayStreamName } from '@app/domain';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** A checked-in stay with one charge of `cents`. */
export async function chargedStay(stays: GuestStayService, cents: number): Promise<string> {
  const stayId = randomUUID();
  await stays.checkIn(stayId);
  await stays.charge(stayId, randomUUID(), cents);
  return stayId;
}

/**
 * Rewrites the stay's Charged row in place with a chargeId the codec refuses (what an operator might find after a bad
 * migration), and returns the repair that puts the original row back.
 */
export async function poisonCharge(pool: pg.Pool, stayId: string): Promise<() => Promise<void>> {
  const { rows } = await pool.query<{ id: string; data: string }>(
    `SELECT id, data::text AS data FROM message_store.messages WHERE stream_name = $1 AND type = 'Charged'`,
    [guestStayStreamName(stayId)],
  );
  const [row] = rows;
  const rewrite = async (data: string) => {
    await pool.query('UPDATE message_store.messages SET data = $1::jsonb WHERE id = $2', [data, row.id]);
  };
  await rewrite(JSON.stringify({ ...JSON.parse(row.data), chargeId: 'not-a-uuid' }));
  return () => rewrite(row.data);
}
