// Each kind of contribution (insats) as people read it, in the workspace and the public register
// alike. Apart from domain/state.ts, which declares the kinds, so that the browser's bundle takes the
// names without the schemas.
import type { ContributionKind } from './state';

export const contributionKindNames = {
  sv: {
    MONEY: 'Pengar',
    PREMISES: 'Lokaler',
    ADMINISTRATION: 'Administration',
    PAID_STAFF: 'Anställd personal',
    VOLUNTEER_WORK: 'Ideellt arbete',
    MATERIAL: 'Material',
    COMPETENCE: 'Kompetens',
    DIGITAL_TOOLS: 'Digitala verktyg',
    TRUST_CAPITAL: 'Förtroendekapital',
    NETWORKS: 'Nätverk',
  },
  en: {
    MONEY: 'Money',
    PREMISES: 'Premises',
    ADMINISTRATION: 'Administration',
    PAID_STAFF: 'Paid staff',
    VOLUNTEER_WORK: 'Volunteer work',
    MATERIAL: 'Material',
    COMPETENCE: 'Expertise',
    DIGITAL_TOOLS: 'Digital tools',
    TRUST_CAPITAL: 'Trust',
    NETWORKS: 'Networks',
  },
} as const satisfies Record<'sv' | 'en', Record<ContributionKind, string>>;
