// The desk's typed client is generated from the API's own OpenAPI document: `npm run desk:api-types` rewrites
// apps/desk/src/api/schema.d.ts (committed), and a test fails while the committed file differs from what the current
// document generates. The document is built in Nest's preview mode: no database, no listening. Runs as its own
// process: openapi-typescript requires ES modules, which Jest's module loader cannot on Node 20.
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { AppModule } from '../api/src/app.module';
import { createOpenApiDocument } from '../api/src/openapi/openapi';

export const API_TYPES_FILE = path.join(__dirname, 'src/api/schema.d.ts');

const BANNER = '// Generated from the API\'s OpenAPI document by `npm run desk:api-types`: do not edit.\n\n';

/** The API's OpenAPI document as the running API would serve it at /openapi.json. */
export async function currentOpenApiDocument(): Promise<OpenAPI3> {
  const app = await NestFactory.create(AppModule.forRoot({ environment: {} }), { preview: true, logger: false, abortOnError: false });
  try {
    return JSON.parse(JSON.stringify(createOpenApiDocument(app))) as OpenAPI3;
  } finally {
    await app.close();
  }
}

/** The TypeScript types openapi-typescript generates from the current document. */
export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(await currentOpenApiDocument());
  return BANNER + astToString(ast);
}

/** `--stdout` prints the types instead of writing the file (the test compares them; Jest cannot load the generator). */
if (require.main === module) {
  generateApiTypes().then(
    (types) => {
      if (process.argv.includes('--stdout')) return void process.stdout.write(types);
      writeFileSync(API_TYPES_FILE, types);
      console.log(`[desk] wrote ${path.relative(process.cwd(), API_TYPES_FILE)}`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : String(error));
      process.exit(1);
    },
  );
}
