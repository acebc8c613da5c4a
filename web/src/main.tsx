// The workspace: signs the person in (the server holds the session), then routes by URL, so that
// every view, a filtered list included, can be bookmarked and shared.
import { lazy, StrictMode, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Redirect, Route, Switch } from 'wouter';
import { loadSession, signInUrl, type Session } from './api';
import { LanguageProvider } from './i18n';
import { Shell } from './Shell';
import { SessionContext } from './session';
import { Loading } from './components';
import { WorkList } from './pages/WorkList';
import { PartnershipList } from './pages/PartnershipList';
import { NewPartnership } from './pages/NewPartnership';
import { AccessibilityStatement } from './pages/AccessibilityStatement';
import { NotFound } from './pages/NotFound';
import PartnershipPage from './pages/PartnershipPage';

// The step forms and their renderer are loaded only when one is opened (pages/PartnershipPage.tsx);
// the case page itself is not split off, as React holds a suspended page back for 300 ms.
const Organisations = lazy(() => import('./pages/Organisations'));
const ImportPartnership = lazy(() => import('./pages/ImportPartnership'));
const Administration = lazy(() => import('./pages/Administration'));

function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    // The accessibility statement is for everyone, signed in or not.
    if (window.location.pathname === '/tillganglighet') return void setSession(null);
    loadSession().then(
      (current) => (current ? setSession(current) : window.location.assign(signInUrl())),
      () => setSession(null),
    );
  }, []);
  if (session === undefined) return <Loading />;
  return (
    <SessionContext.Provider value={session}>
      <Shell>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/">
              <Redirect to="/arbetslista" replace />
            </Route>
            <Route path="/arbetslista" component={WorkList} />
            <Route path="/partnerskap" component={PartnershipList} />
            <Route path="/partnerskap/ny" component={NewPartnership} />
            <Route path="/partnerskap/importera" component={ImportPartnership} />
            <Route path="/partnerskap/:id">{(params) => <PartnershipPage id={params.id} />}</Route>
            <Route path="/organisationer" component={Organisations} />
            <Route path="/administration" component={Administration} />
            <Route path="/tillganglighet" component={AccessibilityStatement} />
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </Shell>
    </SessionContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LanguageProvider>
      <App />
    </LanguageProvider>
  </StrictMode>,
);
