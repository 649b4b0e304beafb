import { ApiProperty } from '@nestjs/swagger';
import { CanonicalUuid, IsUuid } from '../validation/validators';
import { MoneyAmount } from './money-amount.decorator';

/** A payment on a stay or a group checkout. */
export class PaymentRequest {
  @ApiProperty({ format: 'uuid', description: 'Idempotency key: a repeated paymentId is not paid again.' })
  @CanonicalUuid()
  @IsUuid()
  paymentId: string;

  @MoneyAmount()
  amount: number;
}
