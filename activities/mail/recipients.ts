// Who hears of a partnership's notices and announcements (a party that has left does not), from
// the partnership as records/notice-record.ts reads it.
import type { NoticeRecord } from '../../records/notice-record';
import type { Language } from './layout';

export interface Recipient {
  name: string;
  email: string;
  language: Language;
}

/**
 * 'party': that party's contacts (the coordinator when it has none); 'everyone': every party's
 * contacts and the coordinator; 'coordinator': the coordinator alone. One message per address.
 */
export function recipientsOf(record: NoticeRecord, scope: 'coordinator' | 'party' | 'everyone', partyId: string | null): Map<string, Recipient> {
  const coordinator: Recipient = { name: record.coordinatorName, email: record.coordinatorEmail, language: 'sv' };
  const parties = scope === 'party' ? record.parties.filter((p) => p.partyId === partyId) : scope === 'everyone' ? record.parties : [];
  const recipients = new Map<string, Recipient>();
  for (const c of parties.flatMap((p) => p.contacts)) recipients.set(c.email.toLowerCase(), { name: c.name, email: c.email, language: c.language === 'en' ? 'en' : 'sv' });
  if (scope !== 'party' || recipients.size === 0) recipients.set(coordinator.email.toLowerCase(), coordinator);
  return recipients;
}
