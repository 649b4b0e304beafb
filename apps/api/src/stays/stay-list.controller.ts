import { moneyToDecimal } from '@app/domain';
import { HotelReadQueries, STAY_STATUSES, StayRow, type StayStatus, encodeCursor } from '@app/read-model';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ListQuery, PROJECTION_HEADERS, ProjectionInfo, atLeastOf, pageRequestOf, projectionInfo } from '../read-side/list-query';
import { ProjectionWaiter } from '../read-side/projection-waiter';

export class StayListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: STAY_STATUSES })
  @IsOptional()
  @IsIn(STAY_STATUSES, { message: `status must be one of ${STAY_STATUSES.join(', ')}` })
  status?: StayStatus;

  @ApiPropertyOptional({ description: 'Exactly this room.', minLength: 1, maxLength: 16 })
  @IsOptional()
  @IsString({ message: 'room must be a string of 1 to 16 characters' })
  @Length(1, 16, { message: 'room must be a string of 1 to 16 characters' })
  room?: string;

  @ApiPropertyOptional({ description: "Part of the guest's name or of the room, in any letter case.", minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'q must be a string of 1 to 200 characters' })
  @Length(1, 200, { message: 'q must be a string of 1 to 200 characters' })
  q?: string;
}

export class StayListItem {
  @ApiProperty({ format: 'uuid' })
  stayId: string;

  @ApiPropertyOptional({ example: '204' })
  room?: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  guestName?: string;

  @ApiProperty({ enum: STAY_STATUSES })
  status: StayStatus;

  @ApiProperty({ description: 'What the guest owes (0 once transferred to a group).', example: 120.5 })
  balance: number;

  @ApiProperty({ format: 'date-time' })
  checkedInAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the stay was checked out, or transferred to its group.' })
  checkedOutAt?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  groupCheckoutId?: string;
}

export class StayListPage {
  @ApiProperty({ type: [StayListItem] })
  items: StayListItem[];

  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page.' })
  nextCursor?: string;

  @ApiProperty({ type: ProjectionInfo })
  projection: ProjectionInfo;
}

@ApiTags('stays')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 500, 503)
@Controller('stays')
export class StayListController {
  constructor(
    private readonly queries: HotelReadQueries,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List stays, newest check-in first (from the read tables: may lag, see Projection-Position)' })
  @ApiOkResponse({ type: StayListPage, headers: PROJECTION_HEADERS })
  async list(@Query() query: StayListQuery, @Res({ passthrough: true }) response: ServerResponse): Promise<StayListPage> {
    const page = pageRequestOf(query);
    const state = await this.waiter.stateAtLeast(atLeastOf(query));
    const { rows, next } = await this.queries.listStays({ status: query.status, room: query.room, q: query.q }, page);
    return { items: rows.map(toStayListItem), nextCursor: next && encodeCursor(next), projection: projectionInfo(state, response) };
  }
}

function toStayListItem(row: StayRow): StayListItem {
  return {
    stayId: row.id,
    room: row.room ?? undefined,
    guestName: row.guest_name ?? undefined,
    status: row.status,
    balance: moneyToDecimal(row.balance),
    checkedInAt: new Date(row.checked_in_at).toISOString(),
    checkedOutAt: row.checked_out_at === null ? undefined : new Date(row.checked_out_at).toISOString(),
    groupCheckoutId: row.group_checkout_id ?? undefined,
  };
}
