import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from '../problems/problem';

export const MAX_WAIT_MS = 10_000;

/** `?wait=`: absent → 0; else an integer number of milliseconds in 0..10000, or a 400. */
@Injectable()
export class WaitQueryPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    if (value === undefined) return 0;
    if (typeof value === 'string' && /^\d{1,5}$/.test(value)) {
      const ms = Number(value);
      if (ms <= MAX_WAIT_MS) return ms;
    }
    throw invalidField('wait', `wait must be an integer number of milliseconds from 0 to ${MAX_WAIT_MS}`);
  }
}
