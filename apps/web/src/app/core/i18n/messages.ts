/** All user-facing texts, in bokmål and English. Keys are grouped by feature. */
export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const nb = {
  'app.title': 'Stafett',
  'app.tagline': 'Tidlig innsats, sammen – for barn og unge',
  'app.language': 'Språk',
  'app.skipToContent': 'Hopp til innhold',
  'home.servicesHeading': 'Tjenester og enheter',
  'home.loading': 'Henter …',
  'home.loadFailed': 'Kunne ikke hente data fra tjeneren. Prøv igjen senere.',
  'home.noMunicipality': 'Ingen kommune er satt opp ennå.',
} as const;

export type MessageKey = keyof typeof nb;

const en: Record<MessageKey, string> = {
  'app.title': 'Stafett',
  'app.tagline': 'Early help, together – for children and youth',
  'app.language': 'Language',
  'app.skipToContent': 'Skip to content',
  'home.servicesHeading': 'Services and units',
  'home.loading': 'Loading …',
  'home.loadFailed': 'Could not load data from the server. Please try again later.',
  'home.noMunicipality': 'No municipality has been set up yet.',
};

export const MESSAGES: Record<Language, Record<MessageKey, string>> = { nb, en };
