/**
 * Hotel events written straight into Message DB, and the reactors' work judged from message_store.messages. Stream
 * ids differ between the two implementations (ours: 32 hex digits as the F# template writes them; equinox-js's
 * apps/hotel: hyphenated UUIDs); event bodies are the same wire format.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { toStreamId } from '../libs/domain/src/ids';

export type StreamIdFormat = (uuid: string) => string;

export const STREAM_IDS: Readonly<Record<'ours' | 'equinox-js', StreamIdFormat>> = {
  ours: toStreamId,
  'equinox-js': (uuid) => uuid,
};

export const stayStream = (format: StreamIdFormat, stayId: string): string => `GuestStay-${format(stayId)}`;
export const groupStream = (format: StreamIdFormat, groupId: string): string => `GroupCheckout-${format(groupId)}`;

/** A charge of 100.00 on every stay: each transfer moves a balance. */
export const STAY_CHARGE = 100;

export interface Group {
  readonly groupId: string;
  readonly stayIds: readonly string[];
}

export const newGroups = (count: number, staysPerGroup: number): Group[] =>
  Array.from({ length: count }, () => ({ groupId: randomUUID(), stayIds: Array.from({ length: staysPerGroup }, () => randomUUID()) }));

/** Checked-in, charged stays (CheckedIn + Charged each) in bulk, under every given id format: fixture, not measured. */
export async function insertChargedStays(pool: pg.Pool, stayIds: readonly string[], formats: readonly StreamIdFormat[]): Promise<void> {
  const streams = formats.flatMap((format) => stayIds.map((id) => stayStream(format, id)));
  await pool.query(
    `INSERT INTO message_store.messages (stream_name, position, type, data)
     SELECT s.stream, e.position, e.type,
            CASE e.type WHEN 'CheckedIn' THEN jsonb_build_object('at', $2::text)
                        ELSE jsonb_build_object('amount', $3::numeric, 'at', $2::text, 'chargeId', gen_random_uuid()) END
       FROM unnest($1::text[]) WITH ORDINALITY AS s(stream, n),
            (VALUES (0, 'CheckedIn'), (1, 'Charged')) AS e(position, type)
      ORDER BY s.n, e.position`,
    [streams, new Date().toISOString(), STAY_CHARGE],
  );
}

/** One StaysSelected per group, one write_message call after the other on one connection. */
export async function writeSelections(pool: pg.Pool, groups: readonly Group[], format: StreamIdFormat): Promise<void> {
  const client = await pool.connect();
  try {
    for (const { groupId, stayIds } of groups) {
      await client.query(`SELECT message_store.write_message($1, $2, 'StaysSelected', $3, NULL, -1)`, [
        randomUUID(),
        groupStream(format, groupId),
        JSON.stringify({ at: new Date().toISOString(), stays: stayIds }),
      ]);
    }
  } finally {
    client.release();
  }
}

export interface ReactionWindow {
  /** Groups whose every selected stay is accounted for by StaysMerged / MergesFailed. */
  readonly groupsDone: number;
  /** From the first StaysSelected committed to the last StaysMerged / MergesFailed committed. */
  readonly ms: number;
}

/** How far the reactions to these groups got, judged from the messages table alone. */
export async function reactionWindow(pool: pg.Pool, groupStreams: readonly string[], staysPerGroup: number): Promise<ReactionWindow> {
  const { rows } = await pool.query<{ groups_done: string; ms: number | null }>(
    `WITH per_group AS (
       SELECT stream_name,
              min(time) FILTER (WHERE type = 'StaysSelected') AS selected,
              max(time) FILTER (WHERE type IN ('StaysMerged', 'MergesFailed')) AS reacted,
              coalesce(sum(CASE type WHEN 'StaysMerged' THEN jsonb_array_length(data->'residuals')
                                     WHEN 'MergesFailed' THEN jsonb_array_length(data->'stays') END), 0) AS accounted
         FROM message_store.messages WHERE stream_name = ANY($1::text[]) GROUP BY stream_name)
     SELECT count(*) FILTER (WHERE accounted >= $2) AS groups_done,
            extract(epoch FROM max(reacted) - min(selected)) * 1000 AS ms
       FROM per_group`,
    [groupStreams, staysPerGroup],
  );
  return { groupsDone: Number(rows[0].groups_done), ms: Number(rows[0].ms ?? Number.NaN) };
}

/**
 * Waits until every group is done (polling every pollMs); throws after timeoutMs, saying how far it got, or as soon as
 * assertAlive does (the reactor died).
 */
export async function awaitReactions(
  pool: pg.Pool,
  groupStreams: readonly string[],
  staysPerGroup: number,
  { timeoutMs, pollMs = 250, assertAlive }: { timeoutMs: number; pollMs?: number; assertAlive?: () => void },
): Promise<ReactionWindow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    assertAlive?.();
    const window = await reactionWindow(pool, groupStreams, staysPerGroup);
    if (window.groupsDone >= groupStreams.length) return window;
    if (Date.now() > deadline) throw new Error(`Only ${window.groupsDone} of ${groupStreams.length} groups reacted to within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
