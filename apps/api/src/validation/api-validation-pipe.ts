import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, invalidField, invalidRequest } from '../problems/problem';

/**
 * The global pipe: DTOs are validated with whitelist + forbidNonWhitelisted, without implicit conversion (a string is
 * never taken for a number), and every failure becomes one 400 problem naming each bad field.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => toProblem(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && isPresent(value) && (typeof value !== 'object' || Array.isArray(value))) {
      throw invalidField('body', 'The request body must be a JSON object.');
    }
    return super.transform(value, metadata);
  }

  /** Path and query parameters stay strings here: their own pipes (ids, ?wait=) parse them strictly. */
  protected override transformPrimitive(value: unknown): unknown {
    return value;
  }
}

function toProblem(errors: ValidationError[]) {
  const fieldErrors = errors.flatMap((error) => flatten(error, ''));
  const summary = fieldErrors.map((e) => e.messages.join(', ')).join('; ');
  return invalidRequest(`Invalid request: ${summary}.`, fieldErrors);
}

function flatten(error: ValidationError, parentPath: string): FieldError[] {
  const field = pathOf(parentPath, error.property);
  const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
  return own.concat((error.children ?? []).flatMap((child) => flatten(child, field)));
}

function pathOf(parentPath: string, property: string): string {
  if (parentPath === '') return property;
  return /^\d+$/.test(property) ? `${parentPath}[${property}]` : `${parentPath}.${property}`;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}
