import { StreamBuffer } from '@app/store/sink';
import { recorded } from '../support/events';

function events(streamName: string, ...positions: number[]) {
  return positions.map((position) => recorded(streamName, position, position));
}

function bufferedPositions(buffer: StreamBuffer, streamName: string): number[] {
  return buffer.pending(streamName).map((e) => e.position);
}

describe('StreamBuffer', () => {
  it('buffers new events in order and returns the write position that covers them', () => {
    const buffer = new StreamBuffer(10);
    expect(buffer.append('A-1', events('A-1', 0, 1))).toBe(2);
    expect(buffer.append('A-1', events('A-1', 1, 2))).toBe(3);

    expect(bufferedPositions(buffer, 'A-1')).toEqual([0, 1, 2]);
    expect(buffer).toMatchObject({ eventCount: 3, streamCount: 1 });
  });

  it('returns no position when every event was already buffered or handled', () => {
    const buffer = new StreamBuffer(10);
    buffer.append('A-1', events('A-1', 0, 1));
    buffer.advance('A-1', 5);
    expect(buffer.append('A-1', events('A-1', 3, 4))).toBeUndefined();
    buffer.append('A-1', events('A-1', 5));
    expect(buffer.append('A-1', events('A-1', 5))).toBeUndefined();
  });

  it('drops the events below the version reached, and never moves the write position back', () => {
    const buffer = new StreamBuffer(10);
    buffer.append('A-1', events('A-1', 0, 1, 2));
    expect(buffer.advance('A-1', 2)).toBe(2);
    expect(bufferedPositions(buffer, 'A-1')).toEqual([2]);

    expect(buffer.advance('A-1', 1)).toBe(2);
    expect(buffer.advance('A-1', 3)).toBe(3);
    expect(buffer).toMatchObject({ eventCount: 0, streamCount: 0 });
    expect(buffer.hasEvents('A-1')).toBe(false);
  });

  it('hands out a copy of the buffered events', () => {
    const buffer = new StreamBuffer(10);
    buffer.append('A-1', events('A-1', 0));
    const pending = buffer.pending('A-1');
    buffer.append('A-1', events('A-1', 1));
    expect(pending.map((e) => e.position)).toEqual([0]);
  });

  it('forgets the write positions of the least recently idle streams beyond its capacity', () => {
    const buffer = new StreamBuffer(1);
    for (const streamName of ['A-1', 'B-1']) {
      buffer.append(streamName, events(streamName, 0));
      buffer.advance(streamName, 3);
      buffer.markIdle(streamName);
    }

    expect(buffer.append('A-1', events('A-1', 1))).toBe(2);
    expect(buffer.append('B-1', events('B-1', 1))).toBeUndefined();
  });

  it('does not count a stream with buffered events as idle', () => {
    const buffer = new StreamBuffer(1);
    buffer.append('A-1', events('A-1', 0));
    buffer.markIdle('A-1');
    buffer.append('B-1', events('B-1', 0));
    buffer.advance('B-1', 1);
    buffer.markIdle('B-1');

    expect(bufferedPositions(buffer, 'A-1')).toEqual([0]);
    expect(buffer.append('B-1', events('B-1', 0))).toBeUndefined();
  });
});
