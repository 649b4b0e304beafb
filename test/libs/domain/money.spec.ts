import fc from 'fast-check';
import { moneyFromDecimal, moneyToDecimal, requireMoney } from '@app/domain';

describe('Money', () => {
  it('reads decimals into exact minor units', () => {
    expect(moneyFromDecimal(10.1)).toBe(1010);
    expect(moneyFromDecimal(10.5)).toBe(1050);
    expect(moneyFromDecimal(10.15)).toBe(1015); // 10.15 * 100 is 1014.9999999999999
    expect(moneyFromDecimal(0)).toBe(0);
    expect(moneyFromDecimal(-0)).toBe(0);
    expect(Object.is(moneyFromDecimal(-0), -0)).toBe(false);
    expect(moneyFromDecimal(-12.34)).toBe(-1234);
    expect(moneyFromDecimal(1e6)).toBe(100_000_000);
  });

  it('adds exactly: 0.1 + 0.2 is 0.3', () => {
    expect(moneyToDecimal(moneyFromDecimal(0.1) + moneyFromDecimal(0.2))).toBe(0.3);
  });

  it('writes minor units back as decimals', () => {
    expect(moneyToDecimal(1010)).toBe(10.1);
    expect(moneyToDecimal(1)).toBe(0.01);
    expect(moneyToDecimal(-1050)).toBe(-10.5);
  });

  it.each([0.001, 10.505, 1e-7, 0.1 + 0.2])('refuses %p: more than two decimals', (amount) => {
    expect(() => moneyFromDecimal(amount)).toThrow(RangeError);
    expect(() => moneyFromDecimal(amount)).toThrow(/at most two decimals/);
  });

  it.each([NaN, Infinity, -Infinity])('refuses %p: not finite', (amount) => {
    expect(() => moneyFromDecimal(amount)).toThrow(/finite/);
  });

  it('refuses amounts beyond a safe integer of minor units', () => {
    expect(() => moneyFromDecimal(1e21)).toThrow(/too large/);
  });

  it('refuses a fractional or unsafe number of minor units', () => {
    expect(() => moneyToDecimal(10.5)).toThrow(RangeError);
    expect(() => requireMoney(2 ** 53, 'amount')).toThrow(/integer number of minor units/);
  });

  it('round-trips every amount of minor units through its decimal form', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), (cents) => {
        expect(moneyFromDecimal(moneyToDecimal(cents))).toBe(cents);
        expect(moneyFromDecimal(JSON.parse(JSON.stringify(moneyToDecimal(cents))))).toBe(cents);
      }),
      { numRuns: 500 },
    );
  });
});
