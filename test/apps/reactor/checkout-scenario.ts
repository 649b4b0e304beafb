import { GroupCheckoutService, GuestStayService } from '@app/domain';
import fc from 'fast-check';
import { checkWithRetry } from '../../support/check';

export interface ScenarioInput {
  readonly groupId: string;
  readonly paymentId: string;
  readonly stays: readonly { stayId: string; chargeId: string; amount: number }[];
  readonly payBefore: boolean;
}

export const scenarioInput = (maxStays: number): fc.Arbitrary<ScenarioInput> =>
  fc.record({
    groupId: fc.uuid(),
    paymentId: fc.uuid(),
    stays: fc.uniqueArray(
      fc.record({ stayId: fc.uuid(), chargeId: fc.uuid(), amount: fc.integer({ min: 1, max: 100_000_00 }) }),
      { selector: (s) => s.stayId, minLength: 1, maxLength: maxStays },
    ),
    payBefore: fc.boolean(),
  });

export interface ScenarioRig {
  readonly stays: GuestStayService;
  readonly groups: GroupCheckoutService;
  /** Waits for the reactor to have reacted to what was written so far (may return early on a real store). */
  wait(): Promise<void>;
  readonly retry: { backoffMs: number; timeoutMs: number };
}

/**
 * The F# template's runCheckoutScenario (spec §5.2), with check-in first (unknown stays are refused here): charge the
 * stays, optionally pay first, select them, then confirm until the reactor has merged them all, pay if not yet paid,
 * and confirm. Returns whether the group ended confirmed.
 */
export async function runCheckoutScenario(rig: ScenarioRig, input: ScenarioInput): Promise<boolean> {
  const { stays, groups } = rig;
  let total = 0;
  for (const { stayId, chargeId, amount } of input.stays) {
    await stays.checkIn(stayId);
    await stays.charge(stayId, chargeId, amount);
    total += amount;
  }
  if (input.payBefore) await groups.pay(input.groupId, input.paymentId, total);
  await groups.select(
    input.groupId,
    input.stays.map((s) => s.stayId),
  );
  await checkWithRetry('awaiting Group Checkout action', rig.retry, async () => {
    await rig.wait();
    const confirmed = (await groups.confirm(input.groupId)).result;
    if (confirmed.kind === 'processing') throw new Error('still busy');
    if (confirmed.kind === 'balanceOutstanding' && input.payBefore) throw new Error('Should have been paid');
    if (confirmed.kind === 'notFound') throw new Error('group not found');
  });
  if (input.payBefore) return true;
  await groups.pay(input.groupId, input.paymentId, total);
  return (await groups.confirm(input.groupId)).result.kind === 'ok';
}
