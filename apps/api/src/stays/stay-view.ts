import { StayState, moneyToDecimal } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FolioEntryView, toFolioView } from '../common/folio-entry-view';

export type KnownStayState = Exclude<StayState, { kind: 'unknown' }>;

export class StayView {
  @ApiProperty({ format: 'uuid', example: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' })
  stayId: string;

  @ApiProperty({ enum: ['open', 'checkedOut', 'transferred'] })
  status: 'open' | 'checkedOut' | 'transferred';

  @ApiProperty({
    description: 'What the guest owes on this stay; negative when overpaid (0 once checked out or transferred).',
    example: 120.5,
  })
  balance: number;

  @ApiProperty({ format: 'date-time' })
  checkedInAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the stay was checked out individually.' })
  checkedOutAt?: string;

  @ApiPropertyOptional({ description: 'The room, when the check-in named it.', example: '12B' })
  room?: string;

  @ApiPropertyOptional({ description: 'The guest, when the check-in named them.', example: 'Ada Lovelace' })
  guestName?: string;

  @ApiProperty({ type: [FolioEntryView], description: 'Every charge, payment and refund, in the order recorded.' })
  folio: FolioEntryView[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The group checkout that took the stay over (when transferred).' })
  groupCheckoutId?: string;

  @ApiPropertyOptional({ description: 'The balance the group took over (when transferred).', example: 120.5 })
  residual?: number;
}

export function toStayView(stayId: string, state: KnownStayState): StayView {
  const { room, guestName } = state;
  const common = {
    stayId,
    checkedInAt: state.checkedInAt.toISOString(),
    ...(room !== undefined && { room }),
    ...(guestName !== undefined && { guestName }),
    folio: toFolioView(state.folio),
  };
  switch (state.kind) {
    case 'open':
      return { ...common, status: 'open', balance: moneyToDecimal(state.balance) };
    case 'checkedOut':
      return { ...common, status: 'checkedOut', balance: 0, checkedOutAt: state.checkedOutAt.toISOString() };
    case 'transferred':
      return {
        ...common,
        status: 'transferred',
        balance: 0,
        groupCheckoutId: state.groupId,
        residual: moneyToDecimal(state.residual),
      };
  }
}
