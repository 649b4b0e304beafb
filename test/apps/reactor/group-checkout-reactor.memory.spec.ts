import { GroupCheckoutProcess, GroupCheckoutService, GROUP_CHECKOUT_CATEGORY, GuestStayService } from '@app/domain';
import { MemoryStore, ReactorHandle, startMemoryReactor } from '@app/store';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { createGroupCheckoutHandler } from '../../../apps/reactor/src/group-checkout-handler';
import { runCheckoutScenario, scenarioInput } from './checkout-scenario';

describe('GroupCheckout reactor on the MemoryStore (the template MemoryProperties)', () => {
  const store = new MemoryStore();
  const stays = new GuestStayService(store);
  const groups = new GroupCheckoutService(store);
  let reactor: ReactorHandle;
  const passedOver: string[] = [];

  beforeAll(() => {
    const handler = createGroupCheckoutHandler(new GroupCheckoutProcess(stays, groups), (name) => passedOver.push(name));
    reactor = startMemoryReactor(store, { category: GROUP_CHECKOUT_CATEGORY, sink: { handler, maxConcurrentStreams: 4 } });
  });

  afterAll(async () => {
    await reactor.awaitCompletion();
    expect(reactor.status().eventsBuffered).toBe(0);
    await reactor.stop();
  });

  it('merges every selected stay in the background, so the group can be paid and confirmed', async () => {
    const rig = { stays, groups, wait: () => reactor.awaitCompletion(), retry: { backoffMs: 1, timeoutMs: 5_000 } };
    await fc.assert(
      fc.asyncProperty(scenarioInput(300), (input) => runCheckoutScenario(rig, input)),
      { numRuns: 10 },
    );
  });

  it('needs no retries in memory: after awaitCompletion the merge is there', async () => {
    const groupId = '6f1c2a7e-2d1b-4d38-9a55-0b6f5d0f7c11';
    const stayId = '0d9f1e2c-3b4a-4c5d-8e6f-7a8b9c0d1e2f';
    await stays.checkIn(stayId);
    await stays.charge(stayId, 'e3b0c442-98fc-4c14-9afb-f4c8996fb924', 1234);
    await groups.select(groupId, [stayId]);
    await reactor.awaitCompletion();
    expect(await groups.read(groupId)).toMatchObject({ pending: [], merged: [{ stayId, residual: 1234 }], balance: 1234 });
  });

  it.each([
    'GroupCheckout-not-a-group',
    'GroupCheckout-6F1C2A7E2D1B4D389A550B6F5D0F7C11',
    'GroupCheckout-6f1c2a7e-2d1b-4d38-9a55-0b6f5d0f7c11',
  ])('passes over %s, a stream no group checkout writes, instead of getting stuck on it', async (streamName) => {
    await store.appendToStream(streamName, 0, [{ id: randomUUID(), type: 'StaysSelected', data: {} }]);
    await reactor.awaitCompletion();
    expect(passedOver).toContain(streamName);
    expect(reactor.status().stuck).toEqual([]);
  });
});
