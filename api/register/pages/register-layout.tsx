// Every page of the register in one frame: the language it is written in, a skip link past the
// header, the register's navigation, the same page in the other language and the data's licence.
import type { ReactNode } from 'react';
import { licence } from '../open-data';
import { textsIn, type Language } from './register-texts';

export type RegisterSection = 'list' | 'statistics' | 'about' | null;

export const stylesheetPath = '/register/assets/register.css';

/** A page's address in a language: `rest` is what follows /register/{language}, with its query. */
export const pageHref = (language: Language, rest = '') => `/register/${language}${rest}`;

export const otherLanguage = (language: Language): Language => (language === 'sv' ? 'en' : 'sv');

export function RegisterLayout(props: { language: Language; title: string; section: RegisterSection; rest: string; children: ReactNode }) {
  const { language, section, rest } = props;
  const texts = textsIn(language);
  const other = otherLanguage(language);
  const otherHref = pageHref(other, rest);
  const links: { section: Exclude<RegisterSection, null>; href: string; text: string }[] = [
    { section: 'list', href: pageHref(language), text: texts.navList },
    { section: 'statistics', href: pageHref(language, '/statistics'), text: texts.navStatistics },
    { section: 'about', href: pageHref(language, '/about'), text: texts.navAbout },
  ];
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${texts.siteName}`}</title>
        <link rel="stylesheet" href={stylesheetPath} />
        <link rel="alternate" hrefLang={language} href={pageHref(language, rest)} />
        <link rel="alternate" hrefLang={other} href={otherHref} />
        <link rel="alternate" type="application/atom+xml" title={texts.openDataAtom} href="/register/data/feed.atom" />
        {/* Where a harvester that finds the page finds what describes the data (DCAT-AP-SE). */}
        <link rel="alternate" type="text/turtle" title={texts.openDataCatalog} href="/register/data/catalog.ttl" />
      </head>
      <body>
        <a className="skip-link" href="#content">
          {texts.skipToContent}
        </a>
        <header className="site-header">
          <div className="wrap header-row">
            <p className="site-name">
              <a href={pageHref(language)}>{texts.siteName}</a>
              <span className="site-tagline">{texts.siteTagline}</span>
            </p>
            <a className="language-switch" href={otherHref} hrefLang={other} lang={other}>
              {texts.otherLanguageName}
            </a>
          </div>
          <nav className="wrap site-nav" aria-label={texts.mainNavigation}>
            <ul>
              {links.map((link) => (
                <li key={link.section}>
                  <a href={link.href} aria-current={link.section === section ? 'page' : undefined}>
                    {link.text}
                  </a>
                </li>
              ))}
              <li>
                <a href={pageHref(language, '/about#open-data')}>{texts.navOpenData}</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="content" className="wrap" tabIndex={-1}>
          {props.children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>
              {texts.footerLicence} <a href={licence.url}>CC0 1.0</a>.
            </p>
            <p>{texts.footerPublisher}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
