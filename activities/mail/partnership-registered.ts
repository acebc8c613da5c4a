import { renderEmail } from './layout';
import type { RenderedEmail } from './send-once';

/** Sent to the coordinator (samordnare) when a partnership case is opened. */
export function partnershipRegisteredEmail(input: { title: string; coordinatorName: string; caseUrl: string | null }): RenderedEmail {
  return renderEmail({
    language: 'sv',
    recipientName: input.coordinatorName,
    subject: `IOP registrerat: ${input.title}`,
    caseUrl: input.caseUrl,
    paragraphs: [
      `Partnerskapet "${input.title}" är registrerat och befinner sig nu i fasen agendasättning.`,
      'Nästa steg är att tillsammans beskriva samhällsutmaningen, hitta rätt parter och medvetet välja samverkansform.',
    ],
  });
}
