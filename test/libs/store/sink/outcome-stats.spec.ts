import { OutcomeStats } from '@app/store/sink';

describe('OutcomeStats', () => {
  it('counts outcomes under a string outcome itself, else its string kind or type', () => {
    const stats = new OutcomeStats<unknown>();
    for (const outcome of ['Merged', { kind: 'Noop' }, { type: 'Merged' }, 42]) stats.completed(outcome);
    stats.failed();
    expect(stats.counters()).toEqual({ completed: 4, failed: 1, byOutcome: { Merged: 2, Noop: 1, '42': 1 } });
  });

  it('names outcomes with the describeOutcome given, and hands out a copy of the counters', () => {
    const stats = new OutcomeStats<number>((n) => (n > 0 ? 'some' : 'none'));
    stats.completed(3);
    const before = stats.counters();
    stats.completed(0);
    expect(before.byOutcome).toEqual({ some: 1 });
    expect(stats.counters().byOutcome).toEqual({ some: 1, none: 1 });
  });
});
