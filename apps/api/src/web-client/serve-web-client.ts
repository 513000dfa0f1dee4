import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { chooseContentCoding, ContentCoding } from './content-coding';

const SUFFIX: Record<ContentCoding, string> = { br: '.br', gzip: '.gz' };

/** A file of the built client, with the precompressed variants found beside it. */
interface ClientFile {
  urlPath: string;
  absolutePath: string;
  codings: ContentCoding[];
}

// esbuild's content hash in Angular's output names: `main-W6WTEH6F.js`, `media/font-…woff2`
// (8 characters of base32). Files copied from apps/web/public keep their names and must not look
// like this, or browsers would keep them for a year.
const HASHED_NAME = /-[A-Z2-7]{8}\.[a-z0-9]+$/;

/**
 * Cache-Control for a file of the client. A hashed name changes with its content, so it is kept
 * for a year unchanged; everything else (index.html above all, which names the hashed files) is
 * revalidated on every use, so a deployment reaches every browser at its next page load.
 */
export function cacheControlFor(urlPath: string): string {
  return HASHED_NAME.test(basename(urlPath)) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The build's files by URL path, read once at start (the build does not change under a running
 * API). Only these are served, so no request path reaches the file system. Dotfiles are left out,
 * as express.static does.
 */
export function listClientFiles(browserDir: string): Map<string, ClientFile> {
  const names = readdirSync(browserDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(browserDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((name) => !name.split('/').some((part) => part.startsWith('.')));
  const present = new Set(names);
  const isVariant = (name: string) =>
    Object.values(SUFFIX).some((suffix) => name.endsWith(suffix) && present.has(name.slice(0, -suffix.length)));
  const files = new Map<string, ClientFile>();
  for (const name of names) {
    if (isVariant(name)) continue;
    const codings = (Object.keys(SUFFIX) as ContentCoding[]).filter((coding) => present.has(name + SUFFIX[coding]));
    files.set(`/${name}`, { urlPath: `/${name}`, absolutePath: join(browserDir, name), codings });
  }
  return files;
}

/**
 * The built Angular client at `/`: its files, precompressed when the request accepts brotli or
 * gzip, and index.html for every other GET outside the API (deep links into the client's routes).
 */
export function serveWebClient(app: NestExpressApplication, dir: string, apiPrefix: string): void {
  const browserDir = existsSync(join(dir, 'browser', 'index.html')) ? join(dir, 'browser') : dir;
  const files = listClientFiles(browserDir);
  const index = files.get('/index.html');
  if (!index) throw new Error(`WEB_DIST_DIR has no index.html: ${browserDir}`);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === `/${apiPrefix}` || req.path.startsWith(`/${apiPrefix}/`)) {
      return next();
    }
    sendClientFile(req, res, next, files.get(decodedPath(req.path)) ?? index);
  });
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function sendClientFile(req: Request, res: Response, next: NextFunction, file: ClientFile): void {
  const coding = chooseContentCoding(req.headers['accept-encoding'], file.codings);
  // Caches must key on Accept-Encoding wherever the answer could have been another coding.
  if (file.codings.length > 0) res.vary('Accept-Encoding');
  res.setHeader('Cache-Control', cacheControlFor(file.urlPath));
  if (coding !== 'identity') {
    res.setHeader('Content-Encoding', coding);
    // The original file's type; send would otherwise take it from the .br/.gz name.
    res.type(extname(file.absolutePath));
  }
  // send handles ETag, conditional requests, HEAD and ranges, and sets Content-Length from the file sent.
  const sent = coding === 'identity' ? file.absolutePath : file.absolutePath + SUFFIX[coding];
  res.sendFile(sent, { dotfiles: 'allow' }, (error?: Error & { code?: string }) => {
    if (!error || res.headersSent) return;
    res.removeHeader('Content-Encoding');
    res.removeHeader('Content-Type');
    // A file removed since start is answered as not found by the API's 404 handler.
    next(error.code === 'ENOENT' ? undefined : error);
  });
}
