import { FlowState, GroupState, moneyToDecimal, nextAction } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';
import { FolioEntryView, toFolioView } from '../common/folio-entry-view';

export class MergedStayView {
  @ApiProperty({ format: 'uuid' })
  stayId: string;

  @ApiProperty({ description: 'The balance the group took over from this stay.', example: 80 })
  residual: number;
}

export class GroupCheckoutView {
  @ApiProperty({ format: 'uuid' })
  groupCheckoutId: string;

  @ApiProperty({ enum: ['merging', 'ready', 'confirmed'], description: '"merging" while any stay is pending.' })
  status: 'merging' | 'ready' | 'confirmed';

  @ApiProperty({ type: [String], format: 'uuid', description: 'Selected stays the reactor has not merged yet, in selection order.' })
  pending: string[];

  @ApiProperty({ type: [MergedStayView] })
  merged: MergedStayView[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Selected stays that could not be taken over.' })
  failed: string[];

  @ApiProperty({
    description: 'What the group owes: merged residuals minus payments plus refunds; negative when overpaid.',
    example: 160.5,
  })
  balance: number;

  @ApiProperty({ type: [FolioEntryView], description: 'The group\'s payments and refunds, in the order recorded.' })
  payments: FolioEntryView[];
}

const STATUS: Record<FlowState['kind'], GroupCheckoutView['status']> = {
  mergeStays: 'merging',
  ready: 'ready',
  finished: 'confirmed',
};

export function isSettled(state: GroupState): boolean {
  return state.pending.length === 0;
}

export function toGroupCheckoutView(groupCheckoutId: string, state: GroupState): GroupCheckoutView {
  return {
    groupCheckoutId,
    status: STATUS[nextAction(state).kind],
    pending: [...state.pending],
    merged: state.merged.map((m) => ({ stayId: m.stayId, residual: moneyToDecimal(m.residual) })),
    failed: [...state.failed],
    balance: moneyToDecimal(state.balance),
    payments: toFolioView(state.folio),
  };
}
