import { ApiProperty } from '@nestjs/swagger';
import { CanonicalUuid, IsUuid } from '../validation/validators';
import { MoneyAmount } from './money-amount.decorator';

/** Money handed back to an overpaid stay's guest or group: at most the credit (the negative balance). */
export class RefundRequest {
  @ApiProperty({ format: 'uuid', description: 'Idempotency key: a repeated refundId is not refunded again.' })
  @CanonicalUuid()
  @IsUuid()
  refundId: string;

  @MoneyAmount()
  amount: number;
}
