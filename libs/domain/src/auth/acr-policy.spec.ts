import { acrSatisfies } from './acr-policy';

describe('acrSatisfies', () => {
  it('accepts anything when no level was asked', () => {
    expect(acrSatisfies([], undefined)).toBe(true);
    expect(acrSatisfies([], 'whatever')).toBe(true);
  });

  it('accepts substantial and high when substantial was asked', () => {
    expect(acrSatisfies(['idporten-loa-substantial'], 'idporten-loa-substantial')).toBe(true);
    expect(acrSatisfies(['idporten-loa-substantial'], 'idporten-loa-high')).toBe(true);
  });

  it('refuses substantial, a lower or unknown level, and a missing acr when high was asked', () => {
    expect(acrSatisfies(['idporten-loa-high'], 'idporten-loa-substantial')).toBe(false);
    expect(acrSatisfies(['idporten-loa-high'], 'idporten-loa-low')).toBe(false);
    expect(acrSatisfies(['idporten-loa-substantial'], 'Level3')).toBe(false);
    expect(acrSatisfies(['idporten-loa-substantial'], undefined)).toBe(false);
    expect(acrSatisfies(['idporten-loa-substantial'], 42)).toBe(false);
  });

  it('matches another provider’s values exactly', () => {
    expect(acrSatisfies(['urn:example:mfa'], 'urn:example:mfa')).toBe(true);
    expect(acrSatisfies(['urn:example:mfa'], 'urn:example:pwd')).toBe(false);
  });
});
