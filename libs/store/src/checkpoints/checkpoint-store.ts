/** Where a feed's checkpoint lives: Propulsion's (source, tranche, consumer_group) key. */
export interface CheckpointKey {
  /** The kind of feed, e.g. `messageDb`. */
  readonly source: string;
  /** The category. */
  readonly tranche: string;
  /** The processor name, or `<name>/<i>of<n>` for member i of a consumer group of n. */
  readonly consumerGroup: string;
}

export interface StoredCheckpoint {
  readonly consumerGroup: string;
  readonly position: number;
}

export interface Regrouping {
  /** Consumer-group keys whose checkpoints are deleted. */
  readonly remove: readonly string[];
  /** Consumer-group keys given `position` where they have no checkpoint yet. */
  readonly add: readonly string[];
  readonly position: number;
}

/** How the checkpoint is kept. */
export interface CheckpointSettings {
  /** How often the checkpoint is committed; it is also committed on stop. */
  readonly intervalMs: number;
  /** The checkpoint's `source` column. */
  readonly source: string;
}

/** Checkpoints: the next global position each consumer reads from. */
export interface CheckpointStore {
  load(key: CheckpointKey): Promise<number | undefined>;
  /** Upserts the position. */
  commit(key: CheckpointKey, position: number): Promise<void>;
  /** The checkpoints of a processor on a tranche: under its bare name and under `<name>/…` (its group members). */
  loadProcessor(source: string, tranche: string, processorName: string): Promise<StoredCheckpoint[]>;
  /** Removes and adds checkpoints of a tranche in one atomic step. */
  regroup(source: string, tranche: string, regrouping: Regrouping): Promise<void>;
}
