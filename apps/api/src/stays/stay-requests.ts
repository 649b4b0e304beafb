import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { MoneyAmount } from '../common/money-amount.decorator';
import { CanonicalUuid, IsIsoTimestamp, IsUuid } from '../validation/validators';

export class CheckInRequest {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the guest checked in; defaults to now.' })
  @ValidateIf((request: CheckInRequest) => request.at !== undefined) // present but null is refused
  @IsIsoTimestamp()
  at?: Date;
}

export class ChargeRequest {
  @ApiProperty({ format: 'uuid', description: 'Idempotency key: a repeated chargeId is not charged again.' })
  @CanonicalUuid()
  @IsUuid()
  chargeId: string;

  @MoneyAmount()
  amount: number;
}
