import { escapeHtml } from '../../platform/html';
import type { RenderedEmail } from './send-once';

export type Language = 'sv' | 'en';

const closing: Record<Language, { greeting: (name: string) => string; signature: string; open: string }> = {
  sv: { greeting: (name) => `Hej ${name},`, signature: 'Vänliga hälsningar\nIOP Lifecycle', open: 'Öppna ärendet' },
  en: { greeting: (name) => `Hello ${name},`, signature: 'Kind regards\nIOP Lifecycle', open: 'Open the case' },
};

/** One layout for every message: a text part and an HTML part with the same paragraphs; the case's link when there is one (domain/case-link.ts). */
export function renderEmail(input: { language: Language; recipientName: string; subject: string; paragraphs: string[]; caseUrl: string | null }): RenderedEmail {
  const words = closing[input.language];
  const link = input.caseUrl ? [`${words.open}: ${input.caseUrl}`, ''] : [];
  const text = [words.greeting(input.recipientName), '', ...input.paragraphs.flatMap((p) => [p, '']), ...link, words.signature].join('\n');
  const html = [
    `<p>${escapeHtml(words.greeting(input.recipientName))}</p>`,
    ...input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(input.caseUrl ? [`<p><a href="${escapeHtml(input.caseUrl)}">${escapeHtml(words.open)}</a></p>`] : []),
    `<p>${escapeHtml(words.signature).replace('\n', '<br>')}</p>`,
  ].join('\n');
  return { subject: input.subject, text, html };
}
