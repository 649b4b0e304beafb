import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GUEST_NAME_MAX_LENGTH, ROOM_MAX_LENGTH } from '@app/domain';
import { ValidateIf } from 'class-validator';
import { MoneyAmount } from '../common/money-amount.decorator';
import { CanonicalUuid, IsIsoTimestamp, IsText, IsUuid } from '../validation/validators';

export class CheckInRequest {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the guest checked in; defaults to now.' })
  @ValidateIf((request: CheckInRequest) => request.at !== undefined) // present but null is refused
  @IsIsoTimestamp()
  at?: Date;

  @ApiPropertyOptional({ minLength: 1, maxLength: ROOM_MAX_LENGTH, example: '12B', description: 'The room the guest stays in.' })
  @ValidateIf((request: CheckInRequest) => request.room !== undefined)
  @IsText(1, ROOM_MAX_LENGTH)
  room?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: GUEST_NAME_MAX_LENGTH, example: 'Ada Lovelace' })
  @ValidateIf((request: CheckInRequest) => request.guestName !== undefined)
  @IsText(1, GUEST_NAME_MAX_LENGTH)
  guestName?: string;
}

export class ChargeRequest {
  @ApiProperty({ format: 'uuid', description: 'Idempotency key: a repeated chargeId is not charged again.' })
  @CanonicalUuid()
  @IsUuid()
  chargeId: string;

  @MoneyAmount()
  amount: number;
}
