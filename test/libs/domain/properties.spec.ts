import fc from 'fast-check';
import { MemoryStore } from '@app/store';
import { GroupCheckout } from '@app/domain';
import { T0, hotel } from './support';

describe('A group checkout from check-in to confirm, with the reaction', () => {
  const stay = fc.record({ stayId: fc.uuid(), chargeId: fc.uuid(), amount: fc.integer({ min: 1, max: 10_000_000 }) });
  const stays = fc.uniqueArray(stay, { selector: (s) => s.stayId, maxLength: 12 });

  it('checks in, charges, selects, reacts, pays the exact total and confirms', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.uuid(), stays, async (groupId, paymentId, guests) => {
        const { stays: guestStays, groups, process } = hotel(new MemoryStore(), 2);
        let total = 0;
        for (const { stayId, chargeId, amount } of guests) {
          await guestStays.checkIn(stayId);
          await guestStays.charge(stayId, chargeId, amount);
          total += amount;
        }

        const stayIds = guests.map((g) => g.stayId);
        const selected = await groups.select(groupId, stayIds);
        expect(selected.result).toEqual({ kind: 'ok' });
        const flow = GroupCheckout.nextAction(selected.state);
        if (guests.length === 0) {
          expect(flow).toEqual({ kind: 'ready', balance: 0 });
          expect(await process.react(groupId)).toEqual({ outcome: { kind: 'noop' }, version: 0 });
        } else {
          expect(flow).toEqual({ kind: 'mergeStays', pending: stayIds });
          expect(await process.react(groupId)).toEqual({
            outcome: { kind: 'merged', ok: guests.length, failed: 0 },
            version: 1 + Math.ceil(guests.length / 2), // one StaysMerged per batch of 2, with its transfers
          });
        }

        await groups.pay(groupId, paymentId, total);
        await groups.confirm(groupId);
        expect(GroupCheckout.nextAction(await groups.read(groupId))).toEqual({ kind: 'finished' });
      }),
      { numRuns: 60 },
    );
  });
});

describe('Repeating commands changes nothing', () => {
  // Small pools, so that commands collide: the same stays, groups, charge and payment ids come up again and again.
  const stayIds = [
    '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    '16fd2706-8baf-433b-82eb-8c7fada847da',
  ];
  const groupIds = ['a8098c1a-f86e-11da-bd1a-00112444be1e', 'c2d2f9a0-5d4e-4c6e-9d2b-1f0e8a7b6c5d'];
  const ids = Array.from({ length: 4 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
  const stayId = fc.constantFrom(...stayIds);
  const groupId = fc.constantFrom(...groupIds);
  const key = fc.constantFrom(...ids);
  const amount = fc.constantFrom(0, 100, 250, 350, 600);
  const refundAmount = fc.constantFrom(50, 100, 250);

  type Command =
    | { kind: 'checkIn'; stayId: string }
    | { kind: 'charge'; stayId: string; chargeId: string; amount: number }
    | { kind: 'payStay'; stayId: string; paymentId: string; amount: number }
    | { kind: 'refundStay'; stayId: string; refundId: string; amount: number }
    | { kind: 'checkOut'; stayId: string }
    | { kind: 'select'; groupId: string; stayIds: string[] }
    | { kind: 'payGroup'; groupId: string; paymentId: string; amount: number }
    | { kind: 'refundGroup'; groupId: string; refundId: string; amount: number }
    | { kind: 'confirm'; groupId: string }
    | { kind: 'react'; groupId: string };

  const command: fc.Arbitrary<Command> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), stayId }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('charge' as const), stayId, chargeId: key, amount }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('payStay' as const), stayId, paymentId: key, amount }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('refundStay' as const), stayId, refundId: key, amount: refundAmount }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkOut' as const), stayId }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('select' as const), groupId, stayIds: fc.array(stayId, { maxLength: 4 }) }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('payGroup' as const), groupId, paymentId: key, amount }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('refundGroup' as const), groupId, refundId: key, amount: refundAmount }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('confirm' as const), groupId }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('react' as const), groupId }) },
  );

  /** Applies the commands in order on a fresh store; answers each command's result and the final states. */
  async function apply(commands: readonly Command[]) {
    const h = hotel(new MemoryStore(), 2);
    const answers: { kind: string }[] = [];
    for (const c of commands) answers.push(await run(h, c));
    const stays = await Promise.all(stayIds.map((id) => h.stays.read(id)));
    const groups = await Promise.all(groupIds.map((id) => h.groups.read(id)));
    return { answers, states: { stays, groups } };
  }

  async function run(h: ReturnType<typeof hotel>, c: Command): Promise<{ kind: string }> {
    return c.kind === 'react' ? (await h.process.react(c.groupId)).outcome : (await decide(h, c)).result;
  }

  function decide({ stays, groups }: ReturnType<typeof hotel>, c: Exclude<Command, { kind: 'react' }>) {
    switch (c.kind) {
      case 'checkIn':
        return stays.checkIn(c.stayId, T0);
      case 'charge':
        return stays.charge(c.stayId, c.chargeId, c.amount, T0);
      case 'payStay':
        return stays.pay(c.stayId, c.paymentId, c.amount, T0);
      case 'refundStay':
        return stays.refund(c.stayId, c.refundId, c.amount, T0);
      case 'checkOut':
        return stays.checkOut(c.stayId, T0);
      case 'select':
        return groups.select(c.groupId, c.stayIds, T0);
      case 'payGroup':
        return groups.pay(c.groupId, c.paymentId, c.amount, T0);
      case 'refundGroup':
        return groups.refund(c.groupId, c.refundId, c.amount, T0);
      case 'confirm':
        return groups.confirm(c.groupId, T0);
    }
  }

  /**
   * A command carrying its own idempotency key (or stay set) is a no-op when replayed at any later point, once it was
   * accepted or refused for good; a charge or payment that met a not-yet-checked-in stay may rightly succeed later, and
   * so may a refund that exceeded the credit of its time.
   */
  const replayableLater = (c: Command, firstAnswer: { kind: string }) =>
    ['checkIn', 'charge', 'payStay', 'refundStay', 'select', 'payGroup', 'refundGroup'].includes(c.kind) &&
    !['notFound', 'exceedsCredit'].includes(firstAnswer.kind);

  const scenario = fc.array(command, { minLength: 5, maxLength: 40, size: 'medium' }).chain((commands) =>
    fc.record({
      commands: fc.constant(commands),
      // Retried right away, 0–2 more times: a client retry, an at-least-once redelivery.
      retries: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: commands.length, maxLength: commands.length }),
      // [origin, after]: command `origin` replayed once more after command `after` (≥ origin) ran.
      replays: fc.array(
        fc
          .tuple(fc.nat(commands.length - 1), fc.nat(commands.length - 1))
          .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
        { maxLength: 8 },
      ),
    }),
  );

  it('leaves the same stays and groups as applying each command once', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ commands, retries, replays }) => {
        const once = await apply(commands);
        const repeated = commands.flatMap((c, i) => [
          ...Array.from({ length: 1 + retries[i] }, () => c),
          ...replays
            .filter(([origin, after]) => after === i && replayableLater(commands[origin], once.answers[origin]))
            .map(([origin]) => commands[origin]),
        ]);
        expect((await apply(repeated)).states).toEqual(once.states);
      }),
      { numRuns: 150 },
    );
  });
});
