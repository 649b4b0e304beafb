import { GroupCheckoutService, GroupState, moneyFromDecimal, moneyToDecimal } from '@app/domain';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { ServerResponse } from 'node:http';
import { PaymentRequest } from '../common/payment-request';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ProblemType, conflict, notFound } from '../problems/problem';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { MAX_WAIT_MS, WaitQueryPipe } from '../validation/wait-query.pipe';
import { SelectStaysRequest } from './group-checkout-requests';
import { GroupCheckoutView, toGroupCheckoutView } from './group-checkout-view';
import { GroupCheckoutWaiter } from './group-checkout-waiter';

const GroupCheckoutIdParam = () =>
  ApiParam({ name: 'groupCheckoutId', format: 'uuid', description: 'Any letter case, hyphens optional' });

@ApiTags('group-checkouts')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 500, 503)
@Controller('group-checkouts/:groupCheckoutId')
export class GroupCheckoutsController {
  constructor(
    private readonly groups: GroupCheckoutService,
    private readonly waiter: GroupCheckoutWaiter,
  ) {}

  @Post('stays')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Select stays into the group checkout (creates it); the reactor merges them in the background',
    description: 'Stays already selected into this group are ignored. Follow the merge with GET ?wait=.',
  })
  @GroupCheckoutIdParam()
  @ApiAcceptedResponse({ type: GroupCheckoutView, description: 'Selected; the new stays are pending until the reactor merges them' })
  @ApiProblemResponses([409, 'The group checkout is confirmed'], 413)
  async selectStays(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Body() request: SelectStaysRequest,
  ): Promise<GroupCheckoutView> {
    const { result, state } = await this.groups.select(groupId, request.stayIds);
    if (result.kind === 'alreadyConfirmed') throw groupConfirmed(groupId, 'select more stays');
    return existingView(groupId, state);
  }

  @Post('payments')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record a payment towards the group balance (idempotent by paymentId; creates the group)' })
  @GroupCheckoutIdParam()
  @ApiOkResponse({ type: GroupCheckoutView, description: 'The group checkout as it stands after the request' })
  @ApiProblemResponses([409, 'The group checkout is confirmed'], 413)
  async pay(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Body() request: PaymentRequest,
  ): Promise<GroupCheckoutView> {
    const { result, state } = await this.groups.pay(groupId, request.paymentId, moneyFromDecimal(request.amount));
    if (result.kind === 'alreadyConfirmed') throw groupConfirmed(groupId, 'take more payments');
    return existingView(groupId, state);
  }

  @Post('confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm the group checkout: nothing pending and a balance of exactly zero (idempotent)' })
  @GroupCheckoutIdParam()
  @ApiOkResponse({ type: GroupCheckoutView, description: 'The group checkout as it stands after the request' })
  @ApiProblemResponses(404, [409, 'Stays are still merging, or a balance is outstanding (amount)'])
  async confirm(@Param('groupCheckoutId', UuidParamPipe) groupId: string): Promise<GroupCheckoutView> {
    const { result, state } = await this.groups.confirm(groupId);
    switch (result.kind) {
      case 'notFound':
        throw groupNotFound(groupId);
      case 'processing':
        throw conflict(
          ProblemType.groupCheckoutMerging,
          'Group checkout still merging',
          `Group checkout ${groupId} still has stays pending; confirm once the merge is done (GET with ?wait=).`,
        );
      case 'balanceOutstanding': {
        const amount = moneyToDecimal(result.amount);
        throw conflict(
          ProblemType.balanceOutstanding,
          'Balance outstanding',
          `Group checkout ${groupId} has a balance of ${amount} outstanding; it must be exactly 0 to confirm.`,
          { amount },
        );
      }
      case 'ok':
        return existingView(groupId, state);
    }
  }

  @Get()
  @ApiOperation({
    summary: 'Read a group checkout, optionally waiting for its pending stays to be merged',
    description:
      'With ?wait=ms the answer comes as soon as nothing is pending, or as the group stands when the wait runs out.',
  })
  @GroupCheckoutIdParam()
  @ApiQuery({
    name: 'wait',
    required: false,
    schema: { type: 'integer', minimum: 0, maximum: MAX_WAIT_MS, default: 0 },
    description: 'Milliseconds to wait for the pending stays to be merged',
  })
  @ApiOkResponse({ type: GroupCheckoutView, description: 'The group checkout as it stands after the request' })
  @ApiProblemResponses(404)
  async read(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Query('wait', WaitQueryPipe) waitMs: number,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<GroupCheckoutView> {
    const clientGone = new AbortController();
    const onClose = () => clientGone.abort();
    response.once('close', onClose);
    try {
      return existingView(groupId, await this.waiter.readWhenSettled(groupId, waitMs, clientGone.signal));
    } finally {
      response.off('close', onClose);
    }
  }
}

function existingView(groupId: string, state: GroupState): GroupCheckoutView {
  if (!state.exists) throw groupNotFound(groupId);
  return toGroupCheckoutView(groupId, state);
}

function groupNotFound(groupId: string) {
  return notFound(
    ProblemType.groupCheckoutNotFound,
    'Group checkout not found',
    `Group checkout ${groupId} has no stays selected and no payments.`,
  );
}

function groupConfirmed(groupId: string, refused: string) {
  return conflict(
    ProblemType.groupCheckoutConfirmed,
    'Group checkout confirmed',
    `Group checkout ${groupId} is confirmed; it cannot ${refused}.`,
  );
}
