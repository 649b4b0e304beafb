import { HttpStatus } from '@nestjs/common';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemException, ProblemType } from './problem';

/**
 * Express error middleware placed right after the body parsers. Nest would turn a JSON syntax error into a bare
 * BadRequestException and lose what kind of error it was; this names the problem while the parser's error type is known.
 */
type ErrorMiddleware = (error: unknown, request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

export function bodyParserErrorTranslator(limitInKilobytes: number): ErrorMiddleware {
  return (error, _request, _response, next) => {
    switch ((error as { type?: unknown } | undefined)?.type) {
      case 'entity.parse.failed':
        return next(
          new ProblemException({
            type: ProblemType.malformedJson,
            title: 'Malformed JSON',
            status: HttpStatus.BAD_REQUEST,
            detail: `The request body is not valid JSON: ${(error as Error).message}`,
          }),
        );
      case 'entity.too.large':
        return next(payloadTooLarge(limitInKilobytes));
      default:
        return next(error);
    }
  };
}

export function payloadTooLarge(limitInKilobytes: number): ProblemException {
  return new ProblemException({
    type: ProblemType.payloadTooLarge,
    title: 'Payload Too Large',
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    detail: `The request body exceeds the limit of ${limitInKilobytes} kB.`,
  });
}
