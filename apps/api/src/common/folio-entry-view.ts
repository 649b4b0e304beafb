import { FolioEntry, moneyToDecimal } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

/** One line of a folio: a charge, a payment or a refund, as it was recorded. */
export class FolioEntryView {
  @ApiProperty({ enum: ['charge', 'payment', 'refund'] })
  kind: 'charge' | 'payment' | 'refund';

  @ApiProperty({ format: 'uuid', description: 'The chargeId, paymentId or refundId the line was recorded with.' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'Positive: a charge and a refund add it to the balance, a payment takes it off.', example: 42.5 })
  amount: number;
}

export function toFolioView(folio: readonly FolioEntry[]): FolioEntryView[] {
  return folio.map(({ kind, id, at, amount }) => ({ kind, id, at: at.toISOString(), amount: moneyToDecimal(amount) }));
}
