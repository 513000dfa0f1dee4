// Preloaded into a second API process (`node -r ./capture-queries.cjs dist/apps/api/main.js`) by
// the HTTP benchmark: appends every statement the API sends through `pg` — SQL and parameters, one
// JSON line each — to BENCH_CAPTURE_FILE, so the bare-SQL variant replays exactly what the API
// runs for a request. Only for that capture process, never for the API being measured.
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_CAPTURE_FILE;
if (!file) throw new Error('capture-queries.cjs needs BENCH_CAPTURE_FILE');
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function capturedQuery(config, values, callback) {
  const text = typeof config === 'string' ? config : config && config.text;
  const params = Array.isArray(values) ? values : (config && config.values) || [];
  if (typeof text === 'string') appendFileSync(file, `${JSON.stringify({ text, values: params })}\n`);
  return query.call(this, config, values, callback);
};
