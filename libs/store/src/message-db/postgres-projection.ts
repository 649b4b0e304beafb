import pg from 'pg';
import { CheckpointKey } from '../checkpoints/checkpoint-store';
import { CheckpointMovedError } from '../checkpoints/committed-checkpoint';
import { RecordedEvent } from '../core/event-store';
import { ProjectBatches } from '../sink/projection-sink';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { withTransaction } from './transaction';

/** Writes what `events` change (rows of the projection's tables) on `client`, inside the projection's transaction. */
export type ProjectRows = (client: pg.PoolClient, events: readonly RecordedEvent[]) => Promise<void>;

export interface PostgresProjectionOptions {
  /** The database of the projection's tables; its checkpoint table must be there too (one transaction spans both). */
  readonly pool: pg.Pool;
  readonly checkpoints: PostgresCheckpointStore;
  readonly key: CheckpointKey;
  readonly project: ProjectRows;
}

/**
 * A ProjectionSink's commits on PostgreSQL: one transaction moves the checkpoint (first, so that it holds the row and a
 * concurrent instance or a reset is noticed before any row is touched) and writes the rows.
 */
export function postgresProjection({ pool, checkpoints, key, project }: PostgresProjectionOptions): ProjectBatches {
  return (events, { from, to }) =>
    withTransaction(pool, async (client) => {
      if (!(await checkpoints.advance(client, key, from, to))) throw new CheckpointMovedError(key, from);
      await project(client, events);
    });
}
