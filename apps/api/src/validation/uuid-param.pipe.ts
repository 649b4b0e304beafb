import { parseUuid } from '@app/domain';
import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from '../problems/problem';

/** A path id: any letter case, with or without hyphens → lowercase hyphenated; else a 400 naming the parameter. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    const uuid = parseUuid(value);
    const name = metadata.data ?? 'id';
    if (uuid === undefined) throw invalidField(name, `${name} must be a UUID, got "${truncate(value)}"`);
    return uuid;
  }
}

function truncate(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}
