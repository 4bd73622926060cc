/**
 * The page's static files (HTML, CSS, JS, icons) live in `lib/playground/assets/`, shipped as they are: no
 * build step. From the sources (`lib/playground/*.ts`) and from the build (`dist/playground/*.js`) this finds
 * that folder through `import.meta.url`, so the published package must include `lib/playground/assets`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The folder of the page's files: `./assets` beside the sources, or `lib/playground/assets` from `dist/`. */
export function assetsDir(): string {
  const candidates = [
    fileURLToPath(new URL('./assets/', import.meta.url)),
    fileURLToPath(new URL('../../lib/playground/assets/', import.meta.url)),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0] ?? '';
}

/** One static file ready to serve. */
export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** Reads every file the page is made of, once, at start: the set is small and never changes while running. */
export async function loadAssets(
  names: readonly string[],
  dir: string = assetsDir(),
): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const name of names) {
    const body = await readFile(join(dir, name));
    assets.set(name, { body, contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream' });
  }
  return assets;
}

/** The files of the page, by the name the server serves them under (`/` is `index.html`). */
export const ASSET_NAMES = [
  'index.html',
  'app.css',
  'app.js',
  'dom.js',
  'json.js',
  'inspector.js',
  'messages.js',
  'icon.svg',
  'photo.svg',
] as const;
