import { agreementHeadings, type AgreementHeading, type AgreementVersion } from '../../domain/state';

export interface HeadingComparison {
  heading: AgreementHeading;
  changed: boolean;
  from: string | null;
  to: string | null;
}

/** Two versions of the agreement side by side, heading by heading, in the agreement's own order. */
export function compareAgreementVersions(from: AgreementVersion, to: AgreementVersion): HeadingComparison[] {
  return agreementHeadings.map((heading) => {
    const before = from.sections[heading] ?? null;
    const after = to.sections[heading] ?? null;
    return { heading, changed: before !== after, from: before, to: after };
  });
}
