import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const storeSource = path.join(root, 'libs/store/src');
const domainSource = path.join(root, 'libs/domain/src');

/** libs/store's folders from the bottom up: a folder may import its own layer and those below it. */
const STORE_LAYERS: readonly (readonly string[])[] = [
  ['runtime'],
  ['core'],
  ['memory', 'feed', 'sink', 'checkpoints'],
  ['message-db'],
  ['reactor'],
  ['nest'],
];

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The module specifiers of a file's imports and re-exports, dynamic imports and requires included. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const patterns = [/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
}

/** The libs/store folder a file or specifier lands in, or undefined outside of libs/store/src/<folder>/. */
function storeFolderOf(absolutePath: string): string | undefined {
  const relative = path.relative(storeSource, absolutePath);
  if (relative.startsWith('..') || relative === '') return undefined;
  const [first] = relative.split(path.sep);
  return relative.includes(path.sep) || isDirectory(path.join(storeSource, first)) ? first : undefined;
}

function isDirectory(candidate: string): boolean {
  return fs.existsSync(candidate) && fs.statSync(candidate).isDirectory();
}

function layerOf(folder: string): number {
  const layer = STORE_LAYERS.findIndex((folders) => folders.includes(folder));
  if (layer < 0) throw new Error(`libs/store/src/${folder} is in no layer: add it to STORE_LAYERS`);
  return layer;
}

function resolveSpecifier(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return path.resolve(path.dirname(file), specifier);
  if (specifier === '@app/store' || specifier.startsWith('@app/store/')) {
    return path.join(storeSource, specifier.slice('@app/store'.length));
  }
  return undefined;
}

/** Whether a file of libs/store imports, with `specifier`, a folder of a layer above its own. */
function importsAbove(file: string, specifier: string): boolean {
  const folder = storeFolderOf(file);
  const target = resolveSpecifier(file, specifier);
  if (folder === undefined || target === undefined) return false;
  const targetFolder = storeFolderOf(target);
  return targetFolder === undefined || layerOf(targetFolder) > layerOf(folder);
}

/** Whether libs/domain may import `specifier` from `file`: only libs/store's core, and neither Nest nor pg. */
function allowedInDomain(file: string, specifier: string): boolean {
  if (/^(@nestjs\/|pg$|pg\/)/.test(specifier)) return false;
  const target = resolveSpecifier(file, specifier);
  if (target === undefined) return true;
  const inStore = path.relative(storeSource, target);
  return inStore.startsWith('..') || inStore === 'core';
}

function violations(directory: string, violates: (file: string, specifier: string) => boolean): string[] {
  return sourceFiles(directory).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => violates(file, specifier))
      .map((specifier) => `${path.relative(root, file)} imports ${specifier}`),
  );
}

describe('libs/store layers', () => {
  it('has folders that import only their own layer and those below it', () => {
    expect(violations(storeSource, importsAbove)).toEqual([]);
  });

  it('measures with prom-client only in its nest layer: below it, reactors report to an observer', () => {
    const belowNest = (file: string, specifier: string) =>
      storeFolderOf(file) !== 'nest' && /^(prom-client|@willsoto\/)/.test(specifier);
    expect(violations(storeSource, belowNest)).toEqual([]);
    expect(belowNest(path.join(storeSource, 'reactor/reactor.ts'), 'prom-client')).toBe(true);
  });

  it('places every folder in a layer', () => {
    const folders = fs.readdirSync(storeSource, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const folder of folders) expect(() => layerOf(folder.name)).not.toThrow();
  });

  it('catches an import of a higher layer, through a relative path or the alias', () => {
    const file = path.join(storeSource, 'feed/category-source.ts');
    expect(importsAbove(file, '../message-db/transaction')).toBe(true);
    expect(importsAbove(file, '@app/store/reactor')).toBe(true);
    expect(importsAbove(file, '@app/store')).toBe(true);
    expect(importsAbove(file, '../sink/scheduler')).toBe(false);
    expect(importsAbove(file, '../runtime/logger')).toBe(false);
    expect(importsAbove(path.join(storeSource, 'core/decider.ts'), '../feed/feed')).toBe(true);
  });
});

describe('libs/domain', () => {
  it('imports nothing of libs/store but its core, and neither Nest nor pg', () => {
    expect(violations(domainSource, (file, specifier) => !allowedInDomain(file, specifier))).toEqual([]);
  });

  it('catches an import of libs/store beyond its core, of Nest and of pg', () => {
    const file = path.join(domainSource, 'group-checkout.ts');
    expect(allowedInDomain(file, '@app/store/core')).toBe(true);
    expect(allowedInDomain(file, './wire')).toBe(true);
    expect(allowedInDomain(file, '@app/store')).toBe(false);
    expect(allowedInDomain(file, '@app/store/core/decider')).toBe(false);
    expect(allowedInDomain(file, '@app/store/message-db')).toBe(false);
    expect(allowedInDomain(file, '../../store/src/feed')).toBe(false);
    expect(allowedInDomain(file, '@nestjs/common')).toBe(false);
    expect(allowedInDomain(file, 'pg')).toBe(false);
  });
});

describe('the import reader', () => {
  it('reads imports and re-exports', () => {
    expect(importsOf(path.join(storeSource, 'runtime/index.ts'))).toEqual(['./backoff', './logger', './semaphore', './timers']);
    expect(importsOf(path.join(storeSource, 'message-db/postgres-checkpoint-store.ts'))).toEqual([
      'pg',
      './transaction',
      '../checkpoints/checkpoint-store',
    ]);
  });
});
