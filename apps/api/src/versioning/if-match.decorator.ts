import { TransactOptions } from '@app/store/core';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { invalidField } from '../problems/problem';

const STRONG_VERSION_TAG = /^"(0|[1-9]\d{0,14})"$/;

/**
 * The command's expected stream version from `If-Match: "<version>"` (the ETag the client last saw); none when the
 * header is absent or `*`. Anything else — a list, a weak tag, a tag this API never gave — is a 400 problem.
 */
export function expectedVersionOf(ifMatch: string | undefined): TransactOptions {
  const value = ifMatch?.trim();
  if (value === undefined || value === '' || value === '*') return {};
  const match = STRONG_VERSION_TAG.exec(value);
  if (match === null) {
    throw invalidField('If-Match', 'If-Match must be one strong entity tag as this API gives in ETag, e.g. "3", or *');
  }
  return { expectedVersion: Number(match[1]) };
}

/** Injects the command's TransactOptions from its If-Match header. */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): TransactOptions =>
  expectedVersionOf(context.switchToHttp().getRequest<IncomingMessage>().headers['if-match']),
);
