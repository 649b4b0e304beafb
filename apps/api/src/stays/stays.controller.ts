import { GuestStayService, moneyFromDecimal, moneyToDecimal } from '@app/domain';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ProblemType, conflict, notFound } from '../problems/problem';
import { UuidParamPipe } from '../validation/uuid-param.pipe';
import { PaymentRequest } from '../common/payment-request';
import { ChargeRequest, CheckInRequest } from './stay-requests';
import { KnownStayState, StayView, toStayView } from './stay-view';

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
    await this.stays.checkIn(stayId, request.at);
    return this.view(stayId);
  }

  @Post('charges')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Charge the stay (idempotent by chargeId)' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404, [409, 'The stay is checked out or transferred to a group'], 413)
  async charge(@Param('stayId', UuidParamPipe) stayId: string, @Body() request: ChargeRequest): Promise<StayView> {
    const result = await this.stays.charge(stayId, request.chargeId, moneyFromDecimal(request.amount));
    if (result.kind === 'notFound') throw stayNotFound(stayId);
    if (result.kind === 'alreadyCheckedOut') throw await this.stayClosed(stayId, 'charges');
    return this.view(stayId);
  }

  @Post('payments')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record a payment on the stay (idempotent by paymentId)' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404, [409, 'The stay is checked out or transferred to a group'], 413)
  async pay(@Param('stayId', UuidParamPipe) stayId: string, @Body() request: PaymentRequest): Promise<StayView> {
    const result = await this.stays.pay(stayId, request.paymentId, moneyFromDecimal(request.amount));
    if (result.kind === 'notFound') throw stayNotFound(stayId);
    if (result.kind === 'alreadyCheckedOut') throw await this.stayClosed(stayId, 'payments');
    return this.view(stayId);
  }

  @Post('check-out')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check the stay out individually; its balance must be exactly zero' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404, [409, 'A balance is outstanding (amount), or the stay was transferred to a group'])
  async checkOut(@Param('stayId', UuidParamPipe) stayId: string): Promise<StayView> {
    const result = await this.stays.checkOut(stayId);
    switch (result.kind) {
      case 'notFound':
        throw stayNotFound(stayId);
      case 'alreadyCheckedOut':
        throw await this.stayClosed(stayId, 'checkOut');
      case 'balanceOutstanding': {
        const amount = moneyToDecimal(result.amount);
        throw conflict(
          ProblemType.balanceOutstanding,
          'Balance outstanding',
          `Stay ${stayId} has a balance of ${amount} outstanding; it must be exactly 0 to check out.`,
          { amount },
        );
      }
      case 'ok':
        return this.view(stayId);
    }
  }

  @Get()
  @ApiOperation({ summary: 'Read a stay' })
  @StayIdParam()
  @ApiOkResponse({ type: StayView, description: 'The stay as it stands after the request' })
  @ApiProblemResponses(404)
  async read(@Param('stayId', UuidParamPipe) stayId: string): Promise<StayView> {
    const replicated = await this.stays.read(stayId, 'replica');
    // A stay the replica does not know may just have been checked in: only the leader's answer is a 404.
    return toStayView(stayId, replicated.kind === 'unknown' ? await this.knownState(stayId) : replicated);
  }

  /** The stay as it stands after a command: read from the leader, which the command decided on. */
  private async view(stayId: string): Promise<StayView> {
    return toStayView(stayId, await this.knownState(stayId));
  }

  private async knownState(stayId: string): Promise<KnownStayState> {
    const state = await this.stays.read(stayId, 'leader');
    if (state.kind === 'unknown') throw stayNotFound(stayId);
    return state;
  }

  /** The 409 for a closed stay: says whether it was checked out or which group took it over. */
  private async stayClosed(stayId: string, refused: 'charges' | 'payments' | 'checkOut') {
    const state = await this.knownState(stayId);
    if (state.kind === 'transferred') {
      const consequence =
        refused === 'checkOut' ? 'it is checked out with that group' : `it accepts no more ${refused}`;
      return conflict(
        ProblemType.stayTransferred,
        'Stay transferred to a group',
        `Stay ${stayId} was transferred to group checkout ${state.groupId}; ${consequence}.`,
        { groupCheckoutId: state.groupId },
      );
    }
    return conflict(
      ProblemType.stayClosed,
      'Stay checked out',
      `Stay ${stayId} is checked out; it accepts no more ${refused}.`,
    );
  }
}

function stayNotFound(stayId: string) {
  return notFound(ProblemType.stayNotFound, 'Stay not found', `Stay ${stayId} was never checked in.`);
}
