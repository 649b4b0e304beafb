import { StayState, moneyToDecimal } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export type KnownStayState = Exclude<StayState, { kind: 'unknown' }>;

export class StayView {
  @ApiProperty({ format: 'uuid', example: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' })
  stayId: string;

  @ApiProperty({ enum: ['open', 'checkedOut', 'transferred'] })
  status: 'open' | 'checkedOut' | 'transferred';

  @ApiProperty({ description: 'What the guest owes on this stay (0 once checked out or transferred).', example: 120.5 })
  balance: number;

  @ApiProperty({ format: 'date-time' })
  checkedInAt: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The group checkout that took the stay over (when transferred).' })
  groupCheckoutId?: string;

  @ApiPropertyOptional({ description: 'The balance the group took over (when transferred).', example: 120.5 })
  residual?: number;
}

export function toStayView(stayId: string, state: KnownStayState): StayView {
  const checkedInAt = state.checkedInAt.toISOString();
  switch (state.kind) {
    case 'open':
      return { stayId, status: 'open', balance: moneyToDecimal(state.balance), checkedInAt };
    case 'checkedOut':
      return { stayId, status: 'checkedOut', balance: 0, checkedInAt };
    case 'transferred':
      return {
        stayId,
        status: 'transferred',
        balance: 0,
        checkedInAt,
        groupCheckoutId: state.groupId,
        residual: moneyToDecimal(state.residual),
      };
  }
}
