// Days counted from today in Europe/Oslo, where the application decides what "today" is (its
// database sessions' TimeZone), so a test run at 00:30 Oslo time asks for the same day as the
// server. Named like the helpers of libs/testing on wip/dates; when those land, import them instead.

const DAY_MS = 86_400_000;

/** The wall clock in Oslo at an instant, as if it were UTC (for day and offset arithmetic). */
function osloWall(at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Oslo',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts['year'], parts['month'] - 1, parts['day'], parts['hour'], parts['minute'], parts['second']);
}

/** The Norwegian calendar day `days` after today (before it when negative), `YYYY-MM-DD`. */
export function daysFromToday(days: number, now = Date.now()): string {
  return new Date(osloWall(now) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant at `hour`:`minute` Oslo time on the day `days` from today, as an ISO string in UTC. */
export function instantDaysFromNow(days: number, hour = 9, minute = 0, now = Date.now()): string {
  const [y, m, d] = daysFromToday(days, now).split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  // Oslo's offset at that instant, asked twice so a day on which daylight saving changes lands right.
  const offset = (at: number) => osloWall(at) - Math.floor(at / 1000) * 1000;
  return new Date(wall - offset(wall - offset(wall))).toISOString();
}
