// Dates for the client's specs, derived from the real clock so that no spec goes stale on a calendar
// day. The client's "today" is the user's own calendar day (`todayIso()` in concerns/concern-texts.ts,
// which the forms check dates against), so these count in the zone the specs run in; the server-side
// tiers count in Europe/Oslo instead (`@stafett/testing`), as the database does.

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The calendar day `days` after today (before it when negative), `YYYY-MM-DD`. */
export function daysFromToday(days: number, now: Date = new Date()): string {
  return isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days));
}

/** The instant at `hour`:`minute` local time on the day `days` from today, as the ISO string the API answers. */
export function instantDaysFromNow(days: number, hour = 9, minute = 0, now: Date = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, minute).toISOString();
}

/** What a user types into a `datetime-local` field for `hour`:`minute` on the day `days` from today. */
export function localDateTimeDaysFromNow(days: number, hour: number, minute = 0, now: Date = new Date()): string {
  return `${daysFromToday(days, now)}T${pad(hour)}:${pad(minute)}`;
}

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/**
 * A `YYYY-MM-DD` day as the page shows it in bokmål ("15. januar 2027"), spelled out here rather
 * than with the app's own formatter, so that a spec checks what the user reads.
 */
export function longDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date}. ${MONTHS[month - 1]} ${year}`;
}

/** A `YYYY-MM-DD` day in the short bokmål form ("22.11.2026"). */
export function shortDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}.${month}.${year}`;
}
