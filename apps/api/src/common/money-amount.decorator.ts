import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsMoneyAmount, MAX_MONEY_AMOUNT } from '../validation/validators';

/** A request's amount: documented and validated as a JSON number > 0, with at most two decimals, up to 1 000 000. */
export const MoneyAmount = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ exclusiveMinimum: true, minimum: 0, maximum: MAX_MONEY_AMOUNT, multipleOf: 0.01, example: 42.5 }),
    IsMoneyAmount(),
  );
