import { GroupCheckoutService, GroupOutcome, moneyFromDecimal, moneyToDecimal } from '@app/domain';
import type { TransactOptions } from '@app/store/core';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ServerResponse } from 'node:http';
import { PaymentRequest } from '../common/payment-request';
import { RefundRequest } from '../common/refund-request';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ApiCommandResponse, ApiReadResponse } from '../openapi/versioned-responses';
import { ProblemType, conflict, refundExceedsCredit } from '../problems/problem';
import { existingView, groupConfirmed, groupNotFound } from './group-checkout-answers';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { MAX_WAIT_MS, WaitQueryPipe } from '../validation/wait-query.pipe';
import { IfMatch } from '../versioning/if-match.decorator';
import { Versioned } from '../versioning/versioned';
import { SelectStaysRequest } from './group-checkout-requests';
import { GroupCheckoutView } from './group-checkout-view';
import { GroupCheckoutWaiter } from './group-checkout-waiter';

const GroupCheckoutIdParam = () =>
  ApiParam({ name: 'groupCheckoutId', format: 'uuid', description: 'Any letter case, hyphens optional' });
const AFTER = 'The group checkout as it stands after the request';
const CONFIRMED = 'The group checkout is confirmed';

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
    description: 'Stays already selected into this group are ignored. Follow the merge with GET ?wait= or /events.',
  })
  @GroupCheckoutIdParam()
  @ApiCommandResponse(GroupCheckoutView, 'Selected; the new stays are pending until the reactor merges them', 202)
  @ApiProblemResponses([409, CONFIRMED], 413)
  async selectStays(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Body() request: SelectStaysRequest,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<GroupCheckoutView>> {
    const outcome = await this.groups.select(groupId, request.stayIds, new Date(), expected);
    if (outcome.result.kind === 'alreadyConfirmed') throw groupConfirmed(groupId, 'select more stays');
    return answered(groupId, outcome);
  }

  @Post('payments')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record a payment towards the group balance (idempotent by paymentId; creates the group)' })
  @GroupCheckoutIdParam()
  @ApiCommandResponse(GroupCheckoutView, AFTER)
  @ApiProblemResponses([409, CONFIRMED], 413)
  async pay(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Body() request: PaymentRequest,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<GroupCheckoutView>> {
    const amount = moneyFromDecimal(request.amount);
    const outcome = await this.groups.pay(groupId, request.paymentId, amount, new Date(), expected);
    if (outcome.result.kind === 'alreadyConfirmed') throw groupConfirmed(groupId, 'take more payments');
    return answered(groupId, outcome);
  }

  @Post('refunds')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Refund an overpaid group checkout, at most its credit (idempotent by refundId)' })
  @GroupCheckoutIdParam()
  @ApiCommandResponse(GroupCheckoutView, AFTER)
  @ApiProblemResponses(404, [409, `${CONFIRMED}, or the amount exceeds the credit (credit)`], 413)
  async refund(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Body() request: RefundRequest,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<GroupCheckoutView>> {
    const amount = moneyFromDecimal(request.amount);
    const outcome = await this.groups.refund(groupId, request.refundId, amount, new Date(), expected);
    switch (outcome.result.kind) {
      case 'notFound':
        throw groupNotFound(groupId);
      case 'alreadyConfirmed':
        throw groupConfirmed(groupId, 'refund any more');
      case 'exceedsCredit':
        throw refundExceedsCredit(`Group checkout ${groupId}`, moneyToDecimal(outcome.result.credit));
      case 'ok':
        return answered(groupId, outcome);
    }
  }

  @Post('confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Confirm the group checkout: nothing pending and a balance of exactly zero (idempotent)' })
  @GroupCheckoutIdParam()
  @ApiCommandResponse(GroupCheckoutView, AFTER)
  @ApiProblemResponses(404, [409, 'Stays are still merging, or a balance is outstanding (amount)'])
  async confirm(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<GroupCheckoutView>> {
    const outcome = await this.groups.confirm(groupId, new Date(), expected);
    const { result } = outcome;
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
        const refund = result.amount < 0 ? ' (refund the credit first)' : '';
        throw conflict(
          ProblemType.balanceOutstanding,
          'Balance outstanding',
          `Group checkout ${groupId} has a balance of ${amount} outstanding; it must be exactly 0 to confirm${refund}.`,
          { amount },
        );
      }
      case 'ok':
        return answered(groupId, outcome);
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
  @ApiReadResponse(GroupCheckoutView, 'The group checkout as it stands')
  @ApiProblemResponses(404)
  async read(
    @Param('groupCheckoutId', UuidParamPipe) groupId: string,
    @Query('wait', WaitQueryPipe) waitMs: number,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<Versioned<GroupCheckoutView>> {
    const clientGone = new AbortController();
    const onClose = () => clientGone.abort();
    response.once('close', onClose);
    try {
      const group = await this.waiter.readWhenSettled(groupId, waitMs, clientGone.signal);
      return Versioned.read(existingView(groupId, group.state), group);
    } finally {
      response.off('close', onClose);
    }
  }
}

function answered(groupId: string, outcome: GroupOutcome<unknown>): Versioned<GroupCheckoutView> {
  return Versioned.command(existingView(groupId, outcome.state), outcome);
}
