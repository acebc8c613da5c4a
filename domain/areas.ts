// The areas of work an IOP is found in (verksamhetsområden), as the sector's own lists group them:
// the public register filters and counts by them. A partnership has one, set by a case officer.

export const areas = {
  SOCIAL_WELFARE: { sv: 'Socialt arbete och omsorg', en: 'Social work and care' },
  VIOLENCE_PREVENTION: { sv: 'Våld i nära relationer och kvinnofrid', en: 'Domestic violence and violence against women' },
  CHILDREN_YOUTH: { sv: 'Barn och unga', en: 'Children and young people' },
  INTEGRATION: { sv: 'Integration och etablering', en: 'Integration and introduction' },
  HOMELESSNESS: { sv: 'Hemlöshet och boende', en: 'Homelessness and housing' },
  EMPLOYMENT: { sv: 'Arbete och sysselsättning', en: 'Work and employment' },
  HEALTH: { sv: 'Hälsa, beroende och psykisk hälsa', en: 'Health, addiction and mental health' },
  ELDERLY: { sv: 'Äldre', en: 'Older people' },
  DISABILITY: { sv: 'Funktionsnedsättning', en: 'Disability' },
  CULTURE_LEISURE: { sv: 'Kultur, idrott och fritid', en: 'Culture, sport and leisure' },
  SAFETY: { sv: 'Trygghet och brottsförebyggande', en: 'Safety and crime prevention' },
  ENVIRONMENT: { sv: 'Miljö och klimat', en: 'Environment and climate' },
  OTHER: { sv: 'Annat', en: 'Other' },
} as const satisfies Record<string, { sv: string; en: string }>;

export type Area = keyof typeof areas;

export const areaCodes = Object.keys(areas) as [Area, ...Area[]];
