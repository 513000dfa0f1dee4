// Part of `nx build web`: writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9)
// beside every compressible file of the built client, so the API sends them as they are and never
// compresses per request (apps/api/src/web-client/serve-web-client.ts).
//   node tools/precompress.mjs [folder]   (default dist/apps/web/browser)
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(root, process.argv[2] ?? 'dist/apps/web/browser');
// Images and fonts in these formats are compressed already; source maps are not served.
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.ico']);
// Below this, the headers cost more than compression saves.
const MIN_BYTES = 256;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function filesUnder(folder) {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const started = Date.now();
if (!(await stat(dir).catch(() => null))?.isDirectory()) {
  console.error(`precompress: no such folder ${dir}`);
  process.exit(1);
}
const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.has(path.extname(f).toLowerCase()));
let raw = 0;
let br = 0;
let gz = 0;
let written = 0;
// zlib's async calls run on libuv's thread pool, so the files are compressed in parallel.
await Promise.all(
  files.map(async (file) => {
    const plain = await readFile(file);
    if (plain.length < MIN_BYTES) return;
    const [brotliBytes, gzipBytes] = await Promise.all([
      brotli(plain, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        },
      }),
      gzip(plain, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ]);
    await Promise.all([writeFile(`${file}.br`, brotliBytes), writeFile(`${file}.gz`, gzipBytes)]);
    raw += plain.length;
    br += brotliBytes.length;
    gz += gzipBytes.length;
    written++;
  }),
);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `precompress: ${written} files in ${path.relative(root, dir)}: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli (${Date.now() - started} ms)`,
);
