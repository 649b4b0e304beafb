import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The file `npm run build` makes for an app, relative to the image's /app. */
export function builtEntry(app: 'api' | 'reactor'): string {
  const project = JSON.parse(read('nest-cli.json')).projects[app];
  const outDir = JSON.parse(read(`${project.root}/tsconfig.app.json`)).compilerOptions.outDir as string;
  return path.posix.join(path.posix.normalize(path.posix.join(project.root, outDir)), `${project.entryFile}.js`);
}

/** The admin CLI's bundle, as `npm run build:admin` writes it. */
export function builtAdmin(): string {
  const [, outfile] = /--outfile=(\S+)/.exec(JSON.parse(read('package.json')).scripts['build:admin'])!;
  return outfile;
}

/** The environment variables a settings class declares. */
export function settingsOf(configClass: Function): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(configClass, '', true, false)
    .map((m) => m.propertyName);
}
