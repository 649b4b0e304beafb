import { HttpException, HttpStatus } from '@nestjs/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One invalid input: the field (body member, path or query parameter) and what is wrong with it. */
export interface FieldError {
  readonly field: string;
  readonly messages: string[];
}

/** An RFC 9457 problem before it is tied to a request (`instance` is added by the filter). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** Extension members, e.g. the outstanding `amount` or the validation `errors`. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Response headers that belong to the problem, e.g. WWW-Authenticate. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The problem types this API answers with; each is a stable identifier clients can switch on. */
export const ProblemType = {
  invalidRequest: 'urn:hotel-checkout:problem:invalid-request',
  malformedJson: 'urn:hotel-checkout:problem:malformed-json',
  unauthorized: 'urn:hotel-checkout:problem:unauthorized',
  stayNotFound: 'urn:hotel-checkout:problem:stay-not-found',
  groupCheckoutNotFound: 'urn:hotel-checkout:problem:group-checkout-not-found',
  routeNotFound: 'urn:hotel-checkout:problem:route-not-found',
  payloadTooLarge: 'urn:hotel-checkout:problem:payload-too-large',
  balanceOutstanding: 'urn:hotel-checkout:problem:balance-outstanding',
  stayTransferred: 'urn:hotel-checkout:problem:stay-transferred',
  stayClosed: 'urn:hotel-checkout:problem:stay-closed',
  groupCheckoutMerging: 'urn:hotel-checkout:problem:group-checkout-merging',
  groupCheckoutConfirmed: 'urn:hotel-checkout:problem:group-checkout-confirmed',
  refundExceedsCredit: 'urn:hotel-checkout:problem:refund-exceeds-credit',
  staleVersion: 'urn:hotel-checkout:problem:stale-version',
  concurrentModification: 'urn:hotel-checkout:problem:concurrent-modification',
  storeUnavailable: 'urn:hotel-checkout:problem:store-unavailable',
  notReady: 'urn:hotel-checkout:problem:not-ready',
  unreadableStream: 'urn:hotel-checkout:problem:unreadable-stream',
  internalError: 'urn:hotel-checkout:problem:internal-error',
  /** RFC 9457: no further semantics than the status code. */
  generic: 'about:blank',
} as const;

/** Thrown by controllers, pipes and guards; rendered as-is by the problem-details filter. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem.detail, problem.status);
  }
}

export function invalidRequest(detail: string, errors: FieldError[]): ProblemException {
  return new ProblemException({
    type: ProblemType.invalidRequest,
    title: 'Invalid request',
    status: HttpStatus.BAD_REQUEST,
    detail,
    extensions: { errors },
  });
}

/** A 400 for one invalid field, named in the detail and in `errors`. */
export function invalidField(field: string, message: string): ProblemException {
  return invalidRequest(message, [{ field, messages: [message] }]);
}

export function conflict(type: string, title: string, detail: string, extensions?: Record<string, unknown>): ProblemException {
  return new ProblemException({ type, title, status: HttpStatus.CONFLICT, detail, extensions });
}

/** A refund of more than the credit (`credit`, a decimal) of the resource named, e.g. "Stay <id>". */
export function refundExceedsCredit(resource: string, credit: number): ProblemException {
  const detail = `${resource} has a credit of ${credit}; a refund can be at most that.`;
  return conflict(ProblemType.refundExceedsCredit, 'Refund exceeds credit', detail, { credit });
}

export function notFound(type: string, title: string, detail: string): ProblemException {
  return new ProblemException({ type, title, status: HttpStatus.NOT_FOUND, detail });
}
