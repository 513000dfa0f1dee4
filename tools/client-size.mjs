// `npm run size:client`: what a browser downloads before the client first renders — the scripts
// index.html loads and everything they import statically (not the lazy route chunks), and the
// stylesheets — raw, gzip and brotli, as the API sends them (the .br/.gz from tools/precompress.mjs,
// the plain file where none was written). Exits 1 when the initial JavaScript, brotli-compressed,
// is over the budget of issue 11 (150 kB, kB = 1000 bytes as in Angular's build output).
//   node tools/client-size.mjs [folder]   (default dist/apps/web/browser)
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INITIAL_JS_BUDGET_BYTES = 150_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(root, process.argv[2] ?? 'dist/apps/web/browser');
const html = readFileSync(path.join(dir, 'index.html'), 'utf8');

const attr = (tag, name) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
const tags = (name) => html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
const entryScripts = tags('script')
  .map((t) => attr(t, 'src'))
  .filter(Boolean);
const stylesheets = tags('link')
  .filter((t) => attr(t, 'rel') === 'stylesheet')
  .map((t) => attr(t, 'href'));
const preloaded = tags('link')
  .filter((t) => attr(t, 'rel') === 'modulepreload')
  .map((t) => attr(t, 'href'));

// esbuild's static imports: `import{a as b}from"./chunk-X.js"`, `export{…}from"./…"`, `import"./…"`.
// A dynamic `import("./chunk-X.js")` (a lazy route) has a parenthesis and does not match.
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)"\.\/([^"]+\.js)"/g;
const initialScripts = new Set();
const visit = (file) => {
  if (initialScripts.has(file)) return;
  initialScripts.add(file);
  for (const [, imported] of readFileSync(path.join(dir, file), 'utf8').matchAll(STATIC_IMPORT)) visit(imported);
};
entryScripts.forEach(visit);
const unexplained = preloaded.filter((f) => !initialScripts.has(f));
if (unexplained.length) console.log(`note: index.html preloads ${unexplained.join(', ')}, which no initial script imports`);

const size = (file) => (existsSync(file) ? statSync(file).size : undefined);
const measure = (file) => {
  const raw = size(path.join(dir, file));
  return { file, raw, gzip: size(path.join(dir, `${file}.gz`)) ?? raw, brotli: size(path.join(dir, `${file}.br`)) ?? raw };
};
const js = [...initialScripts].map(measure).sort((a, b) => b.raw - a.raw);
const css = stylesheets.map(measure);
const sum = (rows, key) => rows.reduce((n, r) => n + r[key], 0);
const kB = (n) => `${(n / 1000).toFixed(1)} kB`.padStart(10);

console.log(`${'initial file'.padEnd(26)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const r of [...js, ...css]) console.log(`${r.file.padEnd(26)}${kB(r.raw)}${kB(r.gzip)}${kB(r.brotli)}`);
for (const [label, rows] of [
  ['initial JS', js],
  ['initial CSS', css],
]) {
  console.log(`${`${label} (${rows.length} files)`.padEnd(26)}${kB(sum(rows, 'raw'))}${kB(sum(rows, 'gzip'))}${kB(sum(rows, 'brotli'))}`);
}
const transferred = sum(js, 'brotli');
const within = transferred <= INITIAL_JS_BUDGET_BYTES;
console.log(
  `initial JS transferred (brotli): ${(transferred / 1000).toFixed(1)} kB of a ${INITIAL_JS_BUDGET_BYTES / 1000} kB budget: ${within ? 'within' : 'OVER'}`,
);
process.exit(within ? 0 : 1);
