import fc from 'fast-check';
import { parseUtcTimestamp } from '@app/store/message-db/connection';

/** What PostgreSQL prints for a `timestamp without time zone`: trailing zeros of the fraction left out. */
function printed(date: Date, micros: number): string {
  const fraction = String(date.getUTCMilliseconds() * 1000 + micros).padStart(6, '0').replace(/0+$/, '');
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}${fraction ? `.${fraction}` : ''}`;
}

const byDateParser = (value: string): Date => new Date(`${value.replace(' ', 'T')}Z`);

describe('parseUtcTimestamp', () => {
  it('reads what PostgreSQL prints as UTC, to the millisecond, as the Date parser does', () => {
    const dates = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 999 }), (date, micros) => {
        const value = printed(date, micros);
        expect(parseUtcTimestamp(value).getTime()).toBe(date.getTime());
        expect(parseUtcTimestamp(value).getTime()).toBe(byDateParser(value).getTime());
      }),
    );
  });

  it.each(['2024-02-29 23:59:58', '2024-02-29 23:59:58.1', '2024-02-29 23:59:58.12', '2024-02-29 23:59:58.123456'])('reads %s', (value) => {
    expect(parseUtcTimestamp(value).toISOString()).toBe(byDateParser(value).toISOString());
  });

  it.each(['0999-12-31 23:59:59', '0050-01-01 00:00:00', 'infinity', '2024-02-29 23:59:58 BC'])('leaves %s to the Date parser', (value) => {
    expect(String(parseUtcTimestamp(value))).toBe(String(byDateParser(value)));
  });
});
