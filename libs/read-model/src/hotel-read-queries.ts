import { REACTOR_DEFAULTS } from '@app/store';
import pg from 'pg';
import { GroupCheckoutRow, GroupCheckoutStatus } from './group-checkout-rows';
import {
  GROUP_CHECKOUTS_TABLE,
  HOTEL_PROJECTOR_NAME,
  HOTEL_READ_CATEGORIES,
  REBUILD_TABLE,
  STAYS_TABLE,
} from './hotel-read-schema';
import { KeysetCursor } from './keyset-cursor';
import { StayRow, StayStatus } from './stay-rows';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  readonly limit: number;
  /** Rows after this one, in the list's order. */
  readonly after?: KeysetCursor;
}

export interface Page<R> {
  readonly rows: R[];
  /** The cursor of the next page; absent on the last one. */
  readonly next?: KeysetCursor;
}

export interface StayFilter {
  readonly status?: StayStatus;
  /** Exact room. */
  readonly room?: string;
  /** Part of the guest's name or of the room, in any letter case. */
  readonly q?: string;
}

export interface ProjectionState {
  /** Every write at or below this global position is in the tables (-1: none yet). */
  readonly position: number;
  /** While a rebuild has not caught up: the position it has to reach. */
  readonly rebuildingTo?: number;
}

/** The front desk's lists, read from the hotel_read tables, and how far the projection behind them has come. */
export class HotelReadQueries {
  constructor(private readonly pool: pg.Pool) {}

  /** Newest check-in first (the id breaking ties). */
  listStays(filter: StayFilter, page: PageRequest): Promise<Page<StayRow>> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const bind = (value: unknown) => `$${values.push(value)}`;
    if (filter.status) conditions.push(`status = ${bind(filter.status)}`);
    if (filter.room) conditions.push(`room = ${bind(filter.room)}`);
    if (filter.q) {
      const pattern = bind(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      conditions.push(`(guest_name ILIKE ${pattern} OR room ILIKE ${pattern})`);
    }
    return this.page<StayRow>(STAYS_TABLE, 'checked_in_at', conditions, values, page);
  }

  /** Newest first (the id breaking ties). */
  listGroupCheckouts(status: GroupCheckoutStatus | undefined, page: PageRequest): Promise<Page<GroupCheckoutRow>> {
    return status === undefined
      ? this.page<GroupCheckoutRow>(GROUP_CHECKOUTS_TABLE, 'created_at', [], [], page)
      : this.page<GroupCheckoutRow>(GROUP_CHECKOUTS_TABLE, 'created_at', ['status = $1'], [status], page);
  }

  /**
   * The highest global position below which every write of the projected categories is in the tables: the first
   * event at or past a category's checkpoint, less one; with none, the store's last position.
   */
  async projectionState(): Promise<ProjectionState> {
    const { rows } = await this.pool.query<{ first_unprojected: number | null; last_written: number; target: number | null }>(
      POSITION_SQL,
      [HOTEL_READ_CATEGORIES, REACTOR_DEFAULTS.checkpoints.source, HOTEL_PROJECTOR_NAME],
    );
    const { first_unprojected: first, last_written: last, target } = rows[0];
    const position = Number(first === null ? last : first - 1);
    return target !== null && Number(target) > position ? { position, rebuildingTo: Number(target) } : { position };
  }

  private async page<R extends { id: string }>(
    table: string,
    orderColumn: string,
    conditions: readonly string[],
    values: readonly unknown[],
    { limit, after }: PageRequest,
  ): Promise<Page<R>> {
    const where = [...conditions];
    const parameters = [...values];
    if (after) {
      parameters.push(after.at, after.id);
      where.push(`(${orderColumn}, id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    parameters.push(limit + 1);
    const { rows } = await this.pool.query<{ row: R; at: string }>(
      `SELECT to_jsonb(t) - 'version' AS row, to_char(${orderColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM ${table} t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${orderColumn} DESC, id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const last = shown[shown.length - 1];
    return { rows: shown.map((r) => r.row), next: more ? { at: last.at, id: last.row.id } : undefined };
  }
}

const POSITION_SQL = `
  WITH checkpoints AS (
    SELECT c.category, coalesce(p.position, 0) AS position
    FROM unnest($1::text[]) AS c(category)
    LEFT JOIN public.propulsion_checkpoint p ON p.source = $2 AND p.tranche = c.category AND p.consumer_group = $3
  )
  SELECT
    (SELECT min((SELECT m.global_position FROM message_store.messages m
                 WHERE message_store.category(m.stream_name) = c.category AND m.global_position >= c.position
                 ORDER BY message_store.category(m.stream_name), m.global_position LIMIT 1))
     FROM checkpoints c) AS first_unprojected,
    (SELECT coalesce(max(global_position), -1) FROM message_store.messages) AS last_written,
    (SELECT target FROM ${REBUILD_TABLE}) AS target`;
