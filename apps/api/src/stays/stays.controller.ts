import {
  ChargeResult,
  CheckOutResult,
  GuestStayService,
  RefundResult,
  StayOutcome,
  StayState,
  moneyFromDecimal,
  moneyToDecimal,
} from '@app/domain';
import type { TransactOptions } from '@app/store/core';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PaymentRequest } from '../common/payment-request';
import { RefundRequest } from '../common/refund-request';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ApiCommandResponse, ApiReadResponse } from '../openapi/versioned-responses';
import { ProblemType, conflict, notFound, refundExceedsCredit } from '../problems/problem';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { IfMatch } from '../versioning/if-match.decorator';
import { Versioned } from '../versioning/versioned';
import { ChargeRequest, CheckInRequest } from './stay-requests';
import { StayView, toStayView } from './stay-view';

const StayIdParam = () => ApiParam({ name: 'stayId', format: 'uuid', description: 'Any letter case, hyphens optional' });
const AFTER = 'The stay as it stands after the request';
const CLOSED = 'The stay is checked out or transferred to a group';

@ApiTags('stays')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 500, 503)
@Controller('stays/:stayId')
export class StaysController {
  constructor(private readonly stays: GuestStayService) {}

  @Post('check-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check a guest in (idempotent: a repeat answers the same stay, as first checked in)' })
  @StayIdParam()
  @ApiCommandResponse(StayView, AFTER)
  @ApiProblemResponses(413)
  async checkIn(
    @Param('stayId', UuidParamPipe) stayId: string,
    @Body() { at, room, guestName }: CheckInRequest,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<StayView>> {
    const outcome = await this.stays.checkIn(stayId, at, { room, guestName }, expected);
    return Versioned.command(knownView(stayId, outcome.state), outcome);
  }

  @Post('charges')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Charge the stay (idempotent by chargeId)' })
  @StayIdParam()
  @ApiCommandResponse(StayView, AFTER)
  @ApiProblemResponses(404, [409, CLOSED], 413)
  async charge(
    @Param('stayId', UuidParamPipe) stayId: string,
    @Body() request: ChargeRequest,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<StayView>> {
    const amount = moneyFromDecimal(request.amount);
    return answer(stayId, await this.stays.charge(stayId, request.chargeId, amount, new Date(), expected), 'charges');
  }

  @Post('payments')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record a payment on the stay (idempotent by paymentId)' })
  @StayIdParam()
  @ApiCommandResponse(StayView, AFTER)
  @ApiProblemResponses(404, [409, CLOSED], 413)
  async pay(
    @Param('stayId', UuidParamPipe) stayId: string,
    @Body() request: PaymentRequest,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<StayView>> {
    const amount = moneyFromDecimal(request.amount);
    return answer(stayId, await this.stays.pay(stayId, request.paymentId, amount, new Date(), expected), 'payments');
  }

  @Post('refunds')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Refund an overpaid stay, at most its credit (idempotent by refundId)' })
  @StayIdParam()
  @ApiCommandResponse(StayView, AFTER)
  @ApiProblemResponses(404, [409, `${CLOSED}, or the amount exceeds the credit (credit)`], 413)
  async refund(
    @Param('stayId', UuidParamPipe) stayId: string,
    @Body() request: RefundRequest,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<StayView>> {
    const amount = moneyFromDecimal(request.amount);
    return answer(stayId, await this.stays.refund(stayId, request.refundId, amount, new Date(), expected), 'refunds');
  }

  @Post('check-out')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check the stay out individually; its balance must be exactly zero' })
  @StayIdParam()
  @ApiCommandResponse(StayView, AFTER)
  @ApiProblemResponses(404, [409, 'A balance is outstanding (amount), or the stay was transferred to a group'])
  async checkOut(
    @Param('stayId', UuidParamPipe) stayId: string,
    @IfMatch() expected: TransactOptions,
  ): Promise<Versioned<StayView>> {
    return answer(stayId, await this.stays.checkOut(stayId, new Date(), expected), 'checkOut');
  }

  @Get()
  @ApiOperation({ summary: 'Read a stay, with its folio' })
  @StayIdParam()
  @ApiReadResponse(StayView, 'The stay as it stands')
  @ApiProblemResponses(404)
  async read(@Param('stayId', UuidParamPipe) stayId: string): Promise<Versioned<StayView>> {
    const replicated = await this.stays.readVersioned(stayId, 'replica');
    // A stay the replica does not know may just have been checked in: only the leader's answer is a 404.
    const loaded = replicated.state.kind === 'unknown' ? await this.stays.readVersioned(stayId, 'leader') : replicated;
    return Versioned.read(knownView(stayId, loaded.state), loaded);
  }
}

type Refused = 'charges' | 'payments' | 'refunds' | 'checkOut';
type CommandOutcome = StayOutcome<ChargeResult | RefundResult | CheckOutResult>;

/** A command's answer: the stay as it stands after it, or the problem that says why it was refused. */
function answer(stayId: string, outcome: CommandOutcome, refused: Refused): Versioned<StayView> {
  const { result, state } = outcome;
  switch (result.kind) {
    case 'ok':
      return Versioned.command(knownView(stayId, state), outcome);
    case 'notFound':
      throw stayNotFound(stayId);
    case 'checkedOut':
      throw conflict(ProblemType.stayClosed, 'Stay checked out', `Stay ${stayId} is checked out; it accepts no more ${refused}.`);
    case 'transferred':
      throw stayTransferred(stayId, result.groupId, refused);
    case 'exceedsCredit':
      throw refundExceedsCredit(`Stay ${stayId}`, moneyToDecimal(result.credit));
    case 'balanceOutstanding': {
      const amount = moneyToDecimal(result.amount);
      throw conflict(
        ProblemType.balanceOutstanding,
        'Balance outstanding',
        `Stay ${stayId} has a balance of ${amount} outstanding; it must be exactly 0 to check out` +
          (result.amount < 0 ? ' (refund the credit first).' : '.'),
        { amount },
      );
    }
  }
}

function knownView(stayId: string, state: StayState): StayView {
  if (state.kind === 'unknown') throw stayNotFound(stayId);
  return toStayView(stayId, state);
}

function stayTransferred(stayId: string, groupId: string, refused: Refused) {
  const consequence = refused === 'checkOut' ? 'it is checked out with that group' : `it accepts no more ${refused}`;
  return conflict(
    ProblemType.stayTransferred,
    'Stay transferred to a group',
    `Stay ${stayId} was transferred to group checkout ${groupId}; ${consequence}.`,
    { groupCheckoutId: groupId },
  );
}

function stayNotFound(stayId: string) {
  return notFound(ProblemType.stayNotFound, 'Stay not found', `Stay ${stayId} was never checked in.`);
}
