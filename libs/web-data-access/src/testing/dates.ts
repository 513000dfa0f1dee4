// Dates for this library's specs, derived from the real clock so that none goes stale on a calendar
// day. They count in the zone the specs run in, as the client does (the same helpers as the web
// app's apps/web/src/testing/dates.ts, which a library may not import).

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day `days` after today (before it when negative), `YYYY-MM-DD`. */
export function daysFromToday(days: number, now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The instant at `hour`:`minute` local time on the day `days` from today, as the ISO string the API answers. */
export function instantDaysFromNow(days: number, hour = 9, minute = 0, now: Date = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, minute).toISOString();
}
