import { GroupCheckoutProcess, ReactionOutcome, groupIdOfStreamName } from '@app/domain';
import { RecordedEvent } from '@app/store';

/**
 * The reactor's handler: runs the process on the group's current state and reports the version it reached, so that its
 * own follow-on events are skipped when they come back. The events that woke it stand for the group's state only when
 * they start at the stream's first event (a new group, or a catch-up from the start): then the group is not reloaded;
 * otherwise it is.
 * A stream of the category that no group checkout writes (a foreign or non-canonical name) is passed over, so that it
 * cannot hold the checkpoint back forever; `onForeignStream` hears of it.
 */
export function createGroupCheckoutHandler(
  process: GroupCheckoutProcess,
  onForeignStream: (streamName: string) => void = () => undefined,
) {
  return async (
    streamName: string,
    events: readonly RecordedEvent[],
  ): Promise<{ outcome: ReactionOutcome; version: number }> => {
    const groupId = groupIdOfStreamName(streamName);
    if (groupId === undefined) {
      onForeignStream(streamName);
      return { outcome: { kind: 'noop' }, version: events[events.length - 1].position + 1 };
    }
    return process.react(groupId, events);
  };
}
