import { splitConnectionBudget } from '@app/store/message-db';

describe('splitConnectionBudget', () => {
  it('gives the fixed parts their count and the rest to the sharing parts, as evenly as it goes', () => {
    expect(splitConnectionBudget(10, { listen: 1, feed: 1, checkpoint: 1 }, ['write'])).toEqual({
      listen: 1,
      feed: 1,
      checkpoint: 1,
      write: 7,
    });
    expect(splitConnectionBudget(10, { listen: 1 }, ['write', 'read'])).toEqual({ listen: 1, write: 5, read: 4 });
  });

  it('refuses a budget without a connection for each sharing part, naming the smallest that works', () => {
    expect(() => splitConnectionBudget(3, { listen: 1, feed: 1, checkpoint: 1 }, ['write'])).toThrow(
      'A connection budget of 3 is too small: at least 4 (listen, feed, checkpoint, write)',
    );
    expect(() => splitConnectionBudget(2.5, { listen: 1 }, ['write'])).toThrow(RangeError);
  });
});
