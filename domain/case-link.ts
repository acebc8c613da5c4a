// Where people go from an e-mail or a calendar event to read the case. The JSON API answers a browser
// with 401, so the link is what the deployment configures, typically the municipality's own case
// system with the diarienummer; with nothing configured there is no link rather than a broken one.

export function caseLink(template: string | undefined, partnership: { id: string; caseNumber: string | null }): string | null {
  if (!template) return null;
  // A link to the case system by diarienummer leads nowhere before the case has one.
  if (template.includes('{caseNumber}') && !partnership.caseNumber) return null;
  return template.replaceAll('{id}', encodeURIComponent(partnership.id)).replaceAll('{caseNumber}', encodeURIComponent(partnership.caseNumber ?? ''));
}
