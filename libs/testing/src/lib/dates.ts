// Dates for tests, derived from the real clock so that no test goes stale on a calendar day. The
// application decides days in Europe/Oslo (the database sessions' TimeZone, see
// apps/api/src/database/data-source-options.ts), so these do too: at 23:30 UTC a test asks for the
// same "today" as the server it talks to.

const OSLO = 'Europe/Oslo';
const DAY_MS = 86_400_000;

/** The wall-clock fields of an instant in Oslo. */
function osloParts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: OSLO,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

const iso = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Today in Norway, `YYYY-MM-DD`: the date the database's `current_date` gives the application. */
export function osloToday(now: Date = new Date()): string {
  const { year, month, day } = osloParts(now);
  return iso(year, month, day);
}

/** The Norwegian calendar day `days` after today (before it when negative), `YYYY-MM-DD`. */
export function daysFromToday(days: number, now: Date = new Date()): string {
  const [year, month, day] = osloToday(now).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant at `hour`:`minute` Oslo time on the day `days` from today, as the ISO string the API
 * stores and answers (e.g. a meeting time); daylight saving time is Oslo's, not the test machine's.
 */
export function instantDaysFromNow(days: number, hour = 9, minute = 0, now: Date = new Date()): string {
  const [year, month, day] = daysFromToday(days, now).split('-').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Oslo's offset at an instant, in ms; asked twice so that a day on which the offset changes lands right.
  const offset = (at: number) => {
    const p = osloParts(new Date(at));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
  };
  return new Date(wall - offset(wall - offset(wall))).toISOString();
}
