import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Exempts a controller or route from the bearer token (the health probes). */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
