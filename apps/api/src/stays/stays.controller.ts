import {
  ChargeResult,
  CheckOutResult,
  GuestStayService,
  StayOutcome,
  StayState,
  moneyFromDecimal,
  moneyToDecimal,
} from '@app/domain';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ProblemType, conflict, notFound } from '../problems/problem';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { PaymentRequest } from '../common/payment-request';
import { ChargeRequest, CheckInRequest } from './stay-requests';
import { StayView, toStayView } from './stay-view';

const StayIdParam = () => ApiParam({ name: 'stayId', format: 'uuid', description: 'Any letter case, hyphens optional' });

@ApiTags('stays')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 500, 503)
@Controller('stays/:stayId')
export class StaysController {
  constructor(private readonly stays: GuestStayService) {}

  @Post('check-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check a guest in (idempotent: a repeat answers the same stay)' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(413)
  async checkIn(@Param('stayId', UuidParamPipe) stayId: string, @Body() request: CheckInRequest): Promise<StayView> {
    return knownView(stayId, (await this.stays.checkIn(stayId, request.at)).state);
  }

  @Post('charges')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Charge the stay (idempotent by chargeId)' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404, [409, 'The stay is checked out or transferred to a group'], 413)
  async charge(@Param('stayId', UuidParamPipe) stayId: string, @Body() request: ChargeRequest): Promise<StayView> {
    const outcome = await this.stays.charge(stayId, request.chargeId, moneyFromDecimal(request.amount));
    return answer(stayId, outcome, 'charges');
  }

  @Post('payments')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record a payment on the stay (idempotent by paymentId)' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404, [409, 'The stay is checked out or transferred to a group'], 413)
  async pay(@Param('stayId', UuidParamPipe) stayId: string, @Body() request: PaymentRequest): Promise<StayView> {
    const outcome = await this.stays.pay(stayId, request.paymentId, moneyFromDecimal(request.amount));
    return answer(stayId, outcome, 'payments');
  }

  @Post('check-out')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check the stay out individually; its balance must be exactly zero' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404, [409, 'A balance is outstanding (amount), or the stay was transferred to a group'])
  async checkOut(@Param('stayId', UuidParamPipe) stayId: string): Promise<StayView> {
    return answer(stayId, await this.stays.checkOut(stayId), 'checkOut');
  }

  @Get()
  @ApiOperation({ summary: 'Read a stay' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404)
  async read(@Param('stayId', UuidParamPipe) stayId: string): Promise<StayView> {
    const replicated = await this.stays.read(stayId, 'replica');
    // A stay the replica does not know may just have been checked in: only the leader's answer is a 404.
    return knownView(stayId, replicated.kind === 'unknown' ? await this.stays.read(stayId, 'leader') : replicated);
  }
}

type Refused = 'charges' | 'payments' | 'checkOut';
type CommandOutcome = StayOutcome<ChargeResult | CheckOutResult>;

/** A command's answer: the stay as it stands after it, or the problem that says why it was refused. */
function answer(stayId: string, { result, state }: CommandOutcome, refused: Refused): StayView {
  switch (result.kind) {
    case 'ok':
      return knownView(stayId, state);
    case 'notFound':
      throw stayNotFound(stayId);
    case 'checkedOut':
      throw conflict(
        ProblemType.stayClosed,
        'Stay checked out',
        `Stay ${stayId} is checked out; it accepts no more ${refused}.`,
      );
    case 'transferred':
      throw stayTransferred(stayId, result.groupId, refused);
    case 'balanceOutstanding': {
      const amount = moneyToDecimal(result.amount);
      throw conflict(
        ProblemType.balanceOutstanding,
        'Balance outstanding',
        `Stay ${stayId} has a balance of ${amount} outstanding; it must be exactly 0 to check out.`,
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
