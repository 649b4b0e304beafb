import { CheckpointKey, CheckpointStore, Regrouping, StoredCheckpoint } from './checkpoint-store';

/** Checkpoints in memory: for tests and single-process runs where a restart may start over. */
export class MemoryCheckpointStore implements CheckpointStore {
  /** source → tranche → consumer group → position */
  private readonly positions = new Map<string, Map<string, Map<string, number>>>();

  async load(key: CheckpointKey): Promise<number | undefined> {
    return this.tranche(key.source, key.tranche).get(key.consumerGroup);
  }

  async commit(key: CheckpointKey, position: number): Promise<void> {
    this.tranche(key.source, key.tranche).set(key.consumerGroup, position);
  }

  async loadProcessor(source: string, tranche: string, processorName: string): Promise<StoredCheckpoint[]> {
    return [...this.tranche(source, tranche)]
      .filter(([group]) => group === processorName || group.startsWith(`${processorName}/`))
      .map(([consumerGroup, position]) => ({ consumerGroup, position }));
  }

  async regroup(source: string, tranche: string, { remove, add, position }: Regrouping): Promise<void> {
    const groups = this.tranche(source, tranche);
    for (const group of remove) groups.delete(group);
    for (const group of add) if (!groups.has(group)) groups.set(group, position);
  }

  private tranche(source: string, tranche: string): Map<string, number> {
    let tranches = this.positions.get(source);
    if (!tranches) this.positions.set(source, (tranches = new Map()));
    let groups = tranches.get(tranche);
    if (!groups) tranches.set(tranche, (groups = new Map()));
    return groups;
  }
}
