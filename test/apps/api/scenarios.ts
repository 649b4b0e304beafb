import { randomUUID } from 'node:crypto';
import { HotelClient } from './hotel-client';

/** Waits until the reactor has dealt with the group's pending stays, and answers the group's view. */
export type AwaitMerge = (groupId: string) => Promise<GroupCheckoutBody>;

export interface GroupCheckoutBody {
  groupCheckoutId: string;
  status: 'merging' | 'ready' | 'confirmed';
  pending: string[];
  merged: { stayId: string; residual: number }[];
  failed: string[];
  balance: number;
}

/** Amounts in cents, so that the expected totals are exact. */
export interface TemplateCase {
  readonly stayCharges: readonly number[];
  readonly payBefore: boolean;
}

/**
 * The F# template's scenario over HTTP: check in and charge the stays, select them into a group (paying the total
 * first when payBefore), wait for the merge, pay the total, confirm.
 */
export async function runTemplateScenario(client: HotelClient, awaitMerge: AwaitMerge, testCase: TemplateCase): Promise<void> {
  const groupId = randomUUID();
  const stays = testCase.stayCharges.map((cents) => ({ stayId: randomUUID(), cents }));
  for (const { stayId, cents } of stays) {
    await client.checkIn(stayId).expect(200);
    await client.charge(stayId, cents / 100).expect(200);
  }
  const totalCents = stays.reduce((sum, s) => sum + s.cents, 0);
  const payments = paymentsOf(totalCents);
  if (testCase.payBefore) await payAll(client, groupId, payments);

  const selected = await client.select(groupId, stays.map((s) => s.stayId)).expect(202);
  expect(selected.body.groupCheckoutId).toBe(groupId);
  expect([...selected.body.pending, ...selected.body.merged.map((m: { stayId: string }) => m.stayId)].sort()).toEqual(
    stays.map((s) => s.stayId).sort(),
  );

  const merged = await awaitMerge(groupId);
  expect(merged.status).toBe('ready');
  expect(merged.pending).toEqual([]);
  expect(merged.failed).toEqual([]);
  expect(merged.merged).toEqual(stays.map((s) => ({ stayId: s.stayId, residual: s.cents / 100 })));
  expect(merged.balance).toBe(testCase.payBefore ? 0 : totalCents / 100);

  if (!testCase.payBefore) {
    const owed = await client.confirm(groupId).expect(409);
    expect(owed.body.amount).toBe(totalCents / 100);
    await payAll(client, groupId, payments);
    await payAll(client, groupId, payments); // a retried payment is not paid twice
  }
  const confirmed = await client.confirm(groupId).expect(200);
  expect(confirmed.body).toMatchObject({ status: 'confirmed', balance: 0, pending: [], failed: [] });
  for (const { stayId, cents } of stays) {
    const stay = await client.stay(stayId).expect(200);
    expect(stay.body).toMatchObject({ status: 'transferred', groupCheckoutId: groupId, residual: cents / 100, balance: 0 });
  }
}

/** Two groups select the same stays at the same moment: each stay is merged by exactly one, failed by the other. */
export async function runCompetingGroups(client: HotelClient, awaitMerge: AwaitMerge, stayCount: number): Promise<void> {
  const stayIds = await checkedInStays(client, stayCount, 25);
  const [groupA, groupB] = [randomUUID(), randomUUID()];
  await Promise.all([client.select(groupA, stayIds).expect(202), client.select(groupB, stayIds).expect(202)]);
  const [a, b] = await Promise.all([awaitMerge(groupA), awaitMerge(groupB)]);

  for (const stayId of stayIds) {
    const mergedByA = a.merged.some((m) => m.stayId === stayId);
    const mergedByB = b.merged.some((m) => m.stayId === stayId);
    expect([mergedByA, mergedByB].filter(Boolean)).toHaveLength(1);
    expect(mergedByA ? b.failed : a.failed).toContain(stayId);
    const stay = await client.stay(stayId).expect(200);
    expect(stay.body).toMatchObject({ status: 'transferred', groupCheckoutId: mergedByA ? groupA : groupB, residual: 25 });
  }
  expect(a.merged.length + b.merged.length).toBe(stayCount);
  expect(a.failed.length + b.failed.length).toBe(stayCount);
  expect(a.balance + b.balance).toBe(25 * stayCount);
}

/** Stays checked out individually while a group takes them: for each stay exactly one of the two wins. */
export async function runCheckOutVersusGroup(client: HotelClient, awaitMerge: AwaitMerge, stayCount: number): Promise<void> {
  const stayIds = await checkedInStays(client, stayCount, 0);
  const groupId = randomUUID();
  const [checkOuts] = await Promise.all([
    Promise.all(stayIds.map((stayId) => client.checkOut(stayId))),
    client.select(groupId, stayIds).expect(202),
  ]);
  const group = await awaitMerge(groupId);

  stayIds.forEach((stayId, i) => {
    const checkOut = checkOuts[i];
    const mergedByGroup = group.merged.some((m) => m.stayId === stayId);
    if (checkOut.status === 200) {
      expect(mergedByGroup).toBe(false);
      expect(group.failed).toContain(stayId);
    } else {
      expect(checkOut.status).toBe(409);
      expect(checkOut.body).toMatchObject({ type: 'urn:hotel-checkout:problem:stay-transferred', groupCheckoutId: groupId });
      expect(mergedByGroup).toBe(true);
    }
  });
  expect(group.merged.length + group.failed.length).toBe(stayCount);
}

const MAX_PAYMENT_CENTS = 100_000_000;

/** The total as payments of at most 1 000 000 each, with their ids. */
function paymentsOf(totalCents: number): { paymentId: string; cents: number }[] {
  const payments = [];
  for (let left = totalCents; left > 0; left -= MAX_PAYMENT_CENTS) {
    payments.push({ paymentId: randomUUID(), cents: Math.min(left, MAX_PAYMENT_CENTS) });
  }
  return payments;
}

async function payAll(client: HotelClient, groupId: string, payments: { paymentId: string; cents: number }[]) {
  for (const { paymentId, cents } of payments) await client.payGroup(groupId, cents / 100, paymentId).expect(200);
}

async function checkedInStays(client: HotelClient, count: number, charge: number): Promise<string[]> {
  const stayIds = Array.from({ length: count }, () => randomUUID());
  await Promise.all(
    stayIds.map(async (stayId) => {
      await client.checkIn(stayId).expect(200);
      if (charge > 0) await client.charge(stayId, charge).expect(200);
    }),
  );
  return stayIds;
}
