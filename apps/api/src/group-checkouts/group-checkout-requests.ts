import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { AreUuids, CanonicalUuids } from '../validation/validators';

export const MAX_STAYS_PER_SELECTION = 1000;

export class SelectStaysRequest {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: MAX_STAYS_PER_SELECTION })
  @CanonicalUuids()
  @IsArray({ message: 'stayIds must be an array of UUIDs' })
  @ArrayMinSize(1, { message: 'stayIds must contain at least 1 stay' })
  @ArrayMaxSize(MAX_STAYS_PER_SELECTION, { message: `stayIds must contain at most ${MAX_STAYS_PER_SELECTION} stays` })
  @AreUuids()
  stayIds: string[];
}
