import { fromStreamId, parseUuid, requireUuid, toStreamId } from '@app/domain';

const D = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const N = '3f2504e04f8911d39a0c0305e82c3301';

describe('Ids', () => {
  it('parses D and N formats in any letter case into lowercase hyphenated', () => {
    expect(parseUuid(D)).toBe(D);
    expect(parseUuid(D.toUpperCase())).toBe(D);
    expect(parseUuid(N)).toBe(D);
    expect(parseUuid(N.toUpperCase())).toBe(D);
  });

  it.each(['', 'not-a-uuid', N.slice(1), `${N}0`, `{${D}}`, D.replace('-', ''), D.replace('3', 'g')])(
    'rejects %p',
    (input) => {
      expect(parseUuid(input)).toBeUndefined();
      expect(() => requireUuid(input, 'stayId')).toThrow(/stayId must be a UUID/);
    },
  );

  it('maps to and from the Guid "N" form used in stream names, reading back only that form', () => {
    expect(toStreamId(D.toUpperCase())).toBe(N);
    expect(fromStreamId(N)).toBe(D);
    expect(fromStreamId(D)).toBeUndefined();
    expect(fromStreamId(N.toUpperCase())).toBeUndefined();
    expect(fromStreamId('nope')).toBeUndefined();
    expect(() => toStreamId('nope')).toThrow(TypeError);
  });
});
