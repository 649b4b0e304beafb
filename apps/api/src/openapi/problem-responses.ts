import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemType } from '../problems/problem';

export class FieldErrorDocument {
  @ApiProperty({ example: 'amount' })
  field: string;

  @ApiProperty({ type: [String], example: ['amount must have at most two decimals'] })
  messages: string[];
}

/** RFC 9457 problem details, as every error of this API is answered. */
export class ProblemDocument {
  @ApiProperty({ enum: Object.values(ProblemType), description: 'What went wrong: a stable identifier to switch on.' })
  type: string;

  @ApiProperty({ example: 'Balance outstanding' })
  title: string;

  @ApiProperty({ example: 409 })
  status: number;

  @ApiProperty({ example: 'Stay 3f2504e0-4f89-11d3-9a0c-0305e82c3301 has 42.5 outstanding; settle it before checking out.' })
  detail: string;

  @ApiProperty({ example: '/stays/3f2504e0-4f89-11d3-9a0c-0305e82c3301/check-out' })
  instance: string;

  @ApiPropertyOptional({ description: 'The outstanding balance (balance-outstanding problems).', example: 42.5 })
  amount?: number;

  @ApiPropertyOptional({ description: 'The most a refund can be (refund-exceeds-credit problems).', example: 20 })
  credit?: number;

  @ApiPropertyOptional({ description: 'The version If-Match named (stale-version problems).', example: 3 })
  expectedVersion?: number;

  @ApiPropertyOptional({ description: 'The version the resource is at (stale-version problems).', example: 4 })
  actualVersion?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The group that took the stay over (stay-transferred problems).' })
  groupCheckoutId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDocument], description: 'Each invalid field (invalid-request problems).' })
  errors?: FieldErrorDocument[];

  @ApiPropertyOptional({ description: 'The stream holding the unreadable event (unreadable-stream problems).' })
  streamName?: string;

  @ApiPropertyOptional({ description: 'The unreadable event\'s index in its stream (unreadable-stream problems).' })
  position?: number;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: validation, malformed JSON or a bad id',
  401: 'Missing or invalid bearer token',
  404: 'Not found',
  409: 'Conflict with the current state',
  412: 'If-Match named a version the resource has moved on from (stale-version)',
  413: 'Request body over 100 kB',
  500: 'A stream the request needs holds an event that cannot be read (unreadable-stream: streamName, position)',
  503: 'The event store is unavailable',
};

/** Documents the problem+json answers of a route, with the given statuses and an optional description per status. */
export function ApiProblemResponses(...responses: Array<number | [number, string]>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDocument, FieldErrorDocument),
    ...responses.map((response) => {
      const [status, description] = Array.isArray(response) ? response : [response, DESCRIPTIONS[response]];
      return ApiResponse({
        status,
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDocument) } } },
      });
    }),
  );
}
