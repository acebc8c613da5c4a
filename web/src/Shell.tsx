// Every page's frame: a skip link, the menu, who is signed in, the language and sign-out.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { signOut } from './api';
import { useTexts } from './i18n';
import { isStaff, useSession } from './session';

export function Shell({ children }: { children: ReactNode }) {
  const { t, role, language, setLanguage } = useTexts();
  const session = useSession();
  const [location] = useLocation();
  const links = session
    ? [
        { href: '/arbetslista', label: t.workList },
        { href: '/partnerskap', label: t.partnerships },
        ...(isStaff(session) ? [{ href: '/partnerskap/ny', label: t.newPartnership }] : []),
        ...(session.role === 'ADMINISTRATOR' ? [{ href: '/partnerskap/importera', label: t.importPartnership }] : []),
        ...(session.role !== 'ORGANISATION_REPRESENTATIVE' ? [{ href: '/organisationer', label: t.organisations }] : []),
        ...(session.role === 'ADMINISTRATOR' ? [{ href: '/administration', label: t.administration }] : []),
      ]
    : [];
  return (
    <>
      <a className="skip-link" href="#content">
        {t.skipToContent}
      </a>
      <header className="site-header">
        <p className="brand">
          <Link href="/arbetslista">{t.appName}</Link>
        </p>
        <nav aria-label={t.mainNavigation}>
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href} aria-current={location === link.href ? 'page' : undefined}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          {session && (
            <p>
              {t.signedInAs} <strong>{session.name}</strong> ({role(session.role)})
            </p>
          )}
          <button type="button" lang={t.languageCode} onClick={() => setLanguage(language === 'sv' ? 'en' : 'sv')}>
            {t.language}
          </button>
          {session && (
            <button type="button" onClick={() => void signOut()}>
              {t.signOut}
            </button>
          )}
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <Link href="/tillganglighet">{t.accessibility}</Link>
      </footer>
    </>
  );
}
