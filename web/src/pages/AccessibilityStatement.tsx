// Tillgänglighetsredogörelse: what the law on accessibility of digital public services (DOS-lagen,
// 2018:1937) asks a public body to publish, in the form DIGG recommends.
import { PageHeading, useDocumentTitle } from '../components';
import { useTexts } from '../i18n';

export function AccessibilityStatement() {
  const { t } = useTexts();
  useDocumentTitle(t.accessibilityTitle);
  return (
    <article lang="sv">
      <PageHeading>Tillgänglighetsredogörelse för IOP Lifecycle</PageHeading>
      <p>
        Den organisation som driver IOP Lifecycle står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna använda den. Den här
        redogörelsen beskriver hur arbetsytan uppfyller lagen om tillgänglighet till digital offentlig service (2018:1937), kända brister och hur du
        kan rapportera problem så att vi kan åtgärda dem.
      </p>
      <h2>Hur tillgänglig är webbplatsen?</h2>
      <p>
        Arbetsytan är utformad för att uppfylla WCAG 2.1 på nivå AA (EN 301 549). Hela ärendegången går att sköta med enbart tangentbord, med synligt
        fokus. Sidorna fungerar i 320 pixlars bredd och med 200 procents förstoring. Varje sida och varje formulär granskas automatiskt med axe-core i
        en riktig webbläsare innan en ny version släpps.
      </p>
      <h2>Kända brister</h2>
      <p>
        Texter i ärenden skrivs av användarna själva och kan därför sakna struktur. Nyckeltal och bilagor visas som text. Vi känner inte till några
        brister mot kraven i WCAG 2.1 AA i arbetsytans egna delar.
      </p>
      <h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>
      <p>Kontakta förvaltningen som handlägger ditt ärende, så får du uppgifterna på annat sätt, till exempel per e-post eller telefon.</p>
      <h2>Rapportera brister</h2>
      <p>
        Om du upptäcker problem som inte beskrivs här, eller om du anser att vi inte uppfyller lagens krav, meddela samordnaren för ditt ärende eller
        organisationens kontaktcenter.
      </p>
      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (DIGG) ansvarar för tillsynen över lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du{' '}
        <a href="https://www.digg.se/tdosanmalan">anmäla det till DIGG</a>.
      </p>
      <h2>Hur vi testat webbplatsen</h2>
      <p>Vi testar arbetsytan automatiskt med axe-core i Chromium och manuellt med tangentbord, vid varje ändring.</p>
    </article>
  );
}
