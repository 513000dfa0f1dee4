const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Eleven-digit runs in a response, ignoring UUIDs (whose last group is sometimes all digits):
 * what an identity number leaking into a response would look like.
 */
export function elevenDigitRuns(text: string): string[] {
  return text.replace(UUID, '').match(/(?<!\d)\d{11}(?!\d)/g) ?? [];
}
