/**
 * ID-porten's levels of assurance, lowest first. A sign-in must reach the level the service asks
 * for: one asked at "substantial" accepts "high", never the other way round.
 */
export const ID_PORTEN_LEVELS = ['idporten-loa-substantial', 'idporten-loa-high'] as const;

/**
 * Whether the `acr` an identity provider returned meets what was asked (`acr_values`). Nothing asked:
 * anything goes. ID-porten levels: at or above the first level asked. Other values (another
 * provider's): one of those asked, exactly.
 */
export function acrSatisfies(asked: readonly string[], returned: unknown): boolean {
  if (asked.length === 0) return true;
  if (typeof returned !== 'string' || returned === '') return false;
  const levels: readonly string[] = ID_PORTEN_LEVELS;
  const required = levels.indexOf(asked[0]);
  if (required >= 0) return levels.indexOf(returned) >= required;
  return asked.includes(returned);
}
