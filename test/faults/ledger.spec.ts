import { randomUUID } from 'node:crypto';
import { INVARIANTS, judge } from './support/invariants';
import { foldLedger } from './support/ledger';
import { groupStream, MessageRow, stayStream } from './support/store';

// The suite's own fold of the money, without processes: a refund owes like a charge, and is written once.
function rows(events: { stream: string; type: string; data: Record<string, unknown> }[]): MessageRow[] {
  return events.map((event, i) => ({ id: randomUUID(), streamName: event.stream, type: event.type, position: i, globalPosition: i, data: event.data }));
}

describe('fault suite ledger', () => {
  const stay = stayStream(randomUUID());
  const group = groupStream(randomUUID());
  const overpaidAndRefunded = [
    { stream: stay, type: 'CheckedIn', data: {} },
    { stream: stay, type: 'Charged', data: { chargeId: randomUUID(), amount: 50 } },
    { stream: stay, type: 'Paid', data: { paymentId: randomUUID(), amount: 150.25 } },
    { stream: stay, type: 'Refunded', data: { refundId: randomUUID(), amount: 100.25 } },
  ];

  it('a stay overpaid, refunded the credit and checked out balances to the cent', () => {
    const { figures, broken } = judge(foldLedger(rows([...overpaidAndRefunded, { stream: stay, type: 'CheckedOut', data: {} }])));
    expect(broken).toEqual(new Map());
    expect(figures).toMatchObject({ chargedCents: 5_000, paidCents: 15_025, refundedCents: 10_025, openCents: 0 });
  });

  it('a refund after check-out, or written twice, breaks the invariants', () => {
    const refundId = randomUUID();
    const { broken } = judge(foldLedger(rows([
      ...overpaidAndRefunded.slice(0, 3),
      { stream: stay, type: 'CheckedOut', data: {} },
      { stream: stay, type: 'Refunded', data: { refundId, amount: 100.25 } },
      { stream: group, type: 'Paid', data: { paymentId: randomUUID(), amount: 10 } },
      { stream: group, type: 'Refunded', data: { refundId, amount: 5 } },
      { stream: group, type: 'Refunded', data: { refundId, amount: 5 } },
    ])));
    expect(broken.get(INVARIANTS.money)).toEqual([`${stay}: 1 charges/payments/refunds after it was closed`]);
    expect(broken.get(INVARIANTS.writtenOnce)).toEqual([`${group}: payment/refund ${refundId} ×2`]);
  });
});
