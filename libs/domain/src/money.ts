/** An amount of money in integer minor units (cents), so that sums are exact. */
export type Money = number;

// The shortest string form of a finite number: digits, an optional fraction, an optional exponent.
const DECIMAL_FORM = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * 10.1 → 1010. Reads the number's shortest string form rather than scaling by 100, so 0.001 is refused instead of being
 * rounded to 0. Throws RangeError for more than two decimals, a non-finite number, or a result beyond a safe integer.
 */
export function moneyFromDecimal(amount: number): Money {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new RangeError(`An amount must be a finite number, got ${String(amount)}`);
  }
  const [, sign, whole, fraction = '', exponent = '0'] = DECIMAL_FORM.exec(String(amount)) as RegExpExecArray;
  const decimals = fraction.length - Number(exponent);
  if (decimals > 2) throw new RangeError(`An amount must have at most two decimals, got ${amount}`);
  const cents = Number(whole + fraction + '0'.repeat(2 - decimals));
  if (!Number.isSafeInteger(cents)) throw new RangeError(`The amount ${amount} is too large`);
  return sign === '-' ? 0 - cents : cents;
}

/** 1010 → 10.1: the double nearest to the exact decimal, which is what JSON.parse gives for "10.10". */
export function moneyToDecimal(amount: Money): number {
  return requireMoney(amount, 'amount') / 100;
}

/** Guards the Money invariant at the domain's edge: an integer number of minor units. */
export function requireMoney(amount: Money, what: string): Money {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`${what} must be an integer number of minor units, got ${String(amount)}`);
  }
  return amount;
}

/** Like requireMoney, and more than zero. */
export function requirePositiveMoney(amount: Money, what: string): Money {
  if (requireMoney(amount, what) <= 0) throw new RangeError(`${what} must be more than zero, got ${amount}`);
  return amount;
}
