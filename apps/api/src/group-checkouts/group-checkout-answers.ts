import { GroupState } from '@app/domain';
import { ProblemType, conflict, notFound } from '../problems/problem';
import { GroupCheckoutView, toGroupCheckoutView } from './group-checkout-view';

/** The group's view; a 404 problem when it does not exist. */
export function existingView(groupId: string, state: GroupState): GroupCheckoutView {
  if (!state.exists) throw groupNotFound(groupId);
  return toGroupCheckoutView(groupId, state);
}

export function groupNotFound(groupId: string) {
  return notFound(
    ProblemType.groupCheckoutNotFound,
    'Group checkout not found',
    `Group checkout ${groupId} has no stays selected and no payments.`,
  );
}

export function groupConfirmed(groupId: string, refused: string) {
  return conflict(
    ProblemType.groupCheckoutConfirmed,
    'Group checkout confirmed',
    `Group checkout ${groupId} is confirmed; it cannot ${refused}.`,
  );
}
