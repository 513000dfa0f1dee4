import type { EntityManager } from 'typeorm';

/**
 * Today as a Norwegian day ('YYYY-MM-DD'), by the database's clock in Europe/Oslo (the pool sets
 * that time zone): the one "today" every rule compares dates with, never the app server's clock.
 */
export async function today(em: EntityManager): Promise<string> {
  const [row]: Array<{ today: string }> = await em.query(`SELECT to_char(current_date, 'YYYY-MM-DD') AS today`);
  return row.today;
}
