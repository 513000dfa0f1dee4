import { daysFromToday, instantDaysFromNow, osloToday } from './dates';

// Fixed instants in the past: these check the arithmetic at Oslo's midnight and its daylight-saving
// changes, whatever zone the test machine runs in.
const at = (instant: string) => new Date(instant);

describe('test dates derived from today in Europe/Oslo', () => {
  it('gives the Norwegian day, which starts an hour (winter) or two (summer) before midnight UTC', () => {
    expect(osloToday(at('2025-12-01T22:59:00Z'))).toBe('2025-12-01');
    expect(osloToday(at('2025-12-01T23:30:00Z'))).toBe('2025-12-02');
    expect(osloToday(at('2025-06-30T21:59:00Z'))).toBe('2025-06-30');
    expect(osloToday(at('2025-06-30T22:30:00Z'))).toBe('2025-07-01');
  });

  it('counts days from that day, across month and year ends', () => {
    expect(daysFromToday(0, at('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(daysFromToday(-1, at('2025-03-01T00:30:00Z'))).toBe('2025-02-28');
    expect(daysFromToday(31, at('2025-12-01T12:00:00Z'))).toBe('2026-01-01');
    expect(daysFromToday(-365, at('2025-12-01T12:00:00Z'))).toBe('2024-12-01');
  });

  it('places an instant at an Oslo wall-clock time, with the offset of that day', () => {
    expect(instantDaysFromNow(0, 9, 0, at('2025-12-01T12:00:00Z'))).toBe('2025-12-01T08:00:00.000Z');
    expect(instantDaysFromNow(0, 9, 30, at('2025-06-30T12:00:00Z'))).toBe('2025-06-30T07:30:00.000Z');
    // 30 March 2025 and 26 October 2025 are the days the clocks change (at 01:00 UTC).
    expect(instantDaysFromNow(1, 1, 0, at('2025-03-29T12:00:00Z'))).toBe('2025-03-30T00:00:00.000Z');
    expect(instantDaysFromNow(1, 9, 0, at('2025-03-29T12:00:00Z'))).toBe('2025-03-30T07:00:00.000Z');
    expect(instantDaysFromNow(1, 9, 0, at('2025-10-25T12:00:00Z'))).toBe('2025-10-26T08:00:00.000Z');
    // The day a test runs late in the evening UTC is already tomorrow in Oslo.
    expect(instantDaysFromNow(0, 9, 0, at('2025-12-01T23:30:00Z'))).toBe('2025-12-02T08:00:00.000Z');
  });

  it('defaults to the real clock', () => {
    expect(daysFromToday(0)).toBe(osloToday());
    expect(Date.parse(instantDaysFromNow(1, 12)) - Date.now()).toBeGreaterThan(0);
  });
});
