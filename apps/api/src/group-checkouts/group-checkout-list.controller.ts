import { moneyToDecimal } from '@app/domain';
import {
  GROUP_CHECKOUT_STATUSES,
  GroupCheckoutRow,
  type GroupCheckoutStatus,
  HotelReadQueries,
  type SelectedStayState,
  encodeCursor,
} from '@app/read-model';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ListQuery, PROJECTION_HEADERS, ProjectionInfo, atLeastOf, pageRequestOf, projectionInfo } from '../read-side/list-query';
import { ProjectionWaiter } from '../read-side/projection-waiter';

export class GroupCheckoutListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: GROUP_CHECKOUT_STATUSES })
  @IsOptional()
  @IsIn(GROUP_CHECKOUT_STATUSES, { message: `status must be one of ${GROUP_CHECKOUT_STATUSES.join(', ')}` })
  status?: GroupCheckoutStatus;
}

export class SelectedStayItem {
  @ApiProperty({ format: 'uuid' })
  stayId: string;

  @ApiProperty({ enum: ['pending', 'merged', 'failed'] })
  state: SelectedStayState;
}

export class GroupCheckoutListItem {
  @ApiProperty({ format: 'uuid' })
  groupCheckoutId: string;

  @ApiProperty({ enum: GROUP_CHECKOUT_STATUSES, description: 'merging while stays are pending, then ready, then confirmed' })
  status: GroupCheckoutStatus;

  @ApiProperty()
  pending: number;

  @ApiProperty()
  merged: number;

  @ApiProperty()
  failed: number;

  @ApiProperty({ description: 'What the group owes: the merged balances less its payments.', example: 240 })
  balance: number;

  @ApiProperty({ type: [SelectedStayItem], description: 'The selected stays, in selection order.' })
  stays: SelectedStayItem[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  confirmedAt?: string;
}

export class GroupCheckoutListPage {
  @ApiProperty({ type: [GroupCheckoutListItem] })
  items: GroupCheckoutListItem[];

  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page.' })
  nextCursor?: string;

  @ApiProperty({ type: ProjectionInfo })
  projection: ProjectionInfo;
}

@ApiTags('group-checkouts')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 500, 503)
@Controller('group-checkouts')
export class GroupCheckoutListController {
  constructor(
    private readonly queries: HotelReadQueries,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List group checkouts, newest first (from the read tables: may lag, see Projection-Position)' })
  @ApiOkResponse({ type: GroupCheckoutListPage, headers: PROJECTION_HEADERS })
  async list(@Query() query: GroupCheckoutListQuery, @Res({ passthrough: true }) response: ServerResponse): Promise<GroupCheckoutListPage> {
    const page = pageRequestOf(query);
    const state = await this.waiter.stateAtLeast(atLeastOf(query));
    const { rows, next } = await this.queries.listGroupCheckouts(query.status, page);
    return { items: rows.map(toGroupCheckoutListItem), nextCursor: next && encodeCursor(next), projection: projectionInfo(state, response) };
  }
}

function toGroupCheckoutListItem(row: GroupCheckoutRow): GroupCheckoutListItem {
  return {
    groupCheckoutId: row.id,
    status: row.status,
    pending: row.pending,
    merged: row.merged,
    failed: row.failed,
    balance: moneyToDecimal(row.balance),
    stays: row.stays.map(({ stayId, state }) => ({ stayId, state })),
    createdAt: new Date(row.created_at).toISOString(),
    confirmedAt: row.confirmed_at === null ? undefined : new Date(row.confirmed_at).toISOString(),
  };
}
