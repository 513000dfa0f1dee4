import { Client } from 'pg';
import { PreparingClient, statementName, STATEMENTS_PER_CONNECTION } from './prepared-statements';

describe('PreparingClient', () => {
  let sent: unknown[][];
  beforeEach(() => {
    sent = [];
    jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      sent.push(args);
      return Promise.resolve({ rows: [] });
    } as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('names a statement with parameters after its text, the same name each time', async () => {
    const client = new PreparingClient();
    await client.query('SELECT $1::int AS n', [1]);
    await client.query('SELECT $1::int AS n', [2]);
    await client.query('SELECT $1::text AS t', ['a']);
    expect(sent).toEqual([
      [{ name: statementName('SELECT $1::int AS n'), text: 'SELECT $1::int AS n', values: [1] }],
      [{ name: statementName('SELECT $1::int AS n'), text: 'SELECT $1::int AS n', values: [2] }],
      [{ name: statementName('SELECT $1::text AS t'), text: 'SELECT $1::text AS t', values: ['a'] }],
    ]);
    expect(statementName('SELECT $1::int AS n')).not.toEqual(statementName('SELECT $1::text AS t'));
    expect(statementName('SELECT $1::int AS n')).toMatch(/^stafett_[0-9a-f]{24}$/);
  });

  it('leaves statements without parameters, and other call forms, as they are', async () => {
    const client = new PreparingClient();
    const config = { text: 'SELECT $1::int', values: [1] };
    await client.query('COMMIT');
    await client.query('SELECT 1', []);
    await client.query(config);
    expect(sent).toEqual([
      ['COMMIT', undefined, undefined],
      ['SELECT 1', [], undefined],
      [config, undefined, undefined],
    ]);
  });

  it('names at most STATEMENTS_PER_CONNECTION texts per connection and sends the rest unnamed', async () => {
    const client = new PreparingClient();
    for (let i = 0; i <= STATEMENTS_PER_CONNECTION; i++) await client.query(`SELECT $1::int + ${i}`, [i]);
    await client.query('SELECT $1::int + 0', [7]);
    const named = sent.filter(([config]) => typeof config === 'object');
    expect(named).toHaveLength(STATEMENTS_PER_CONNECTION + 1);
    expect(sent[STATEMENTS_PER_CONNECTION]).toEqual([
      `SELECT $1::int + ${STATEMENTS_PER_CONNECTION}`,
      [STATEMENTS_PER_CONNECTION],
      undefined,
    ]);
    // One already named stays named.
    expect(sent[sent.length - 1]).toEqual([{ name: statementName('SELECT $1::int + 0'), text: 'SELECT $1::int + 0', values: [7] }]);
  });
});
