// What the register is, what it publishes and what it never does, and where its open data is.
import { licence } from '../open-data';
import { RegisterLayout } from './register-layout';
import { textsIn, type Language } from './register-texts';

export function RegisterAboutPage(props: { language: Language }) {
  const { language } = props;
  const texts = textsIn(language);
  const files = [
    { href: '/register/data/partnerships.json', type: 'application/json', text: texts.openDataJson },
    { href: '/register/data/partnerships.schema.json', type: 'application/schema+json', text: texts.openDataSchema },
    { href: '/register/data/partnerships.csv', type: 'text/csv', text: texts.openDataCsv },
    { href: '/register/data/feed.atom', type: 'application/atom+xml', text: texts.openDataAtom },
    { href: '/register/data/catalog.ttl', type: 'text/turtle', text: texts.openDataCatalog },
    { href: '/register/data/catalog.jsonld', type: 'application/ld+json', text: texts.openDataCatalogJsonLd },
  ];
  return (
    <RegisterLayout language={language} title={texts.aboutTitle} section="about" rest="/about">
      <h1>{texts.aboutTitle}</h1>
      <section aria-labelledby="what">
        <h2 id="what">{texts.aboutWhat}</h2>
        <p>{texts.aboutWhatText}</p>
      </section>
      <section aria-labelledby="publishes">
        <h2 id="publishes">{texts.aboutPublishes}</h2>
        <ul>
          {texts.aboutPublishesItems.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p>{texts.aboutWhen}</p>
      </section>
      <section aria-labelledby="never">
        <h2 id="never">{texts.aboutNever}</h2>
        <ul>
          {texts.aboutNeverItems.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="open-data">
        <h2 id="open-data">{texts.openData}</h2>
        <p>
          {texts.openDataText} <a href={licence.url}>CC0 1.0</a>
        </p>
        <ul>
          {files.map((file) => (
            <li key={file.href}>
              <a href={file.href} type={file.type}>
                {file.text}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </RegisterLayout>
  );
}
