import { GroupCheckoutProcess, ReactionOutcome, groupIdOfStreamName } from '@app/domain';

/**
 * The reactor's handler: the events that woke it are deliberately ignored; it reloads the group's full state, runs the
 * process and reports the version it reached so that its own follow-on events are skipped when they come back.
 */
export function createGroupCheckoutHandler(process: GroupCheckoutProcess) {
  return async (streamName: string): Promise<{ outcome: ReactionOutcome; version: number }> => {
    const groupId = groupIdOfStreamName(streamName);
    if (groupId === undefined) throw new Error(`Stream from unexpected category: ${streamName}`);
    return process.react(groupId);
  };
}
