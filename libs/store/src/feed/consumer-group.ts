import { CategoryReader } from '../core/event-store';

/** Member `member` (0-based) of a consumer group of `size`: it handles the streams Message DB hashes to it. */
export interface ConsumerGroup {
  readonly member: number;
  readonly size: number;
}

export function validateConsumerGroup(group: ConsumerGroup): void {
  const { member, size } = group;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`Consumer group size must be a positive integer (got ${size})`);
  if (!Number.isInteger(member) || member < 0 || member >= size) {
    throw new RangeError(`Consumer group member must be an integer in 0..${size - 1} (got ${member})`);
  }
}

/** A group of one is no group: the whole category. */
export function isPartitioned(group: ConsumerGroup | undefined): group is ConsumerGroup {
  return group !== undefined && group.size > 1;
}

/** The checkpoint key of a processor, or of one member of its consumer group: `<name>/<i>of<n>`. */
export function checkpointGroupName(processorName: string, group?: ConsumerGroup): string {
  if (processorName.length === 0) throw new RangeError('A processor name must not be empty');
  if (group !== undefined) validateConsumerGroup(group);
  return isPartitioned(group) ? `${processorName}/${group.member}of${group.size}` : processorName;
}

/** The group size a checkpoint key of `processorName` was written for (1 for the bare name); undefined if not its own. */
export function groupSizeOf(processorName: string, checkpointGroup: string): number | undefined {
  if (checkpointGroup === processorName) return 1;
  if (!checkpointGroup.startsWith(`${processorName}/`)) return undefined;
  const match = /^(\d+)of(\d+)$/.exec(checkpointGroup.slice(processorName.length + 1));
  return match ? Number(match[2]) : undefined;
}

/** A reader that may read only its consumer group's share of a category (e.g. MessageDbCategoryReader). */
export interface PartitionedCategoryReader extends CategoryReader {
  readonly consumerGroup?: ConsumerGroup;
}
