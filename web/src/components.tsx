// Small pieces every page uses: the loading line, a load with its error, a page's heading that
// takes the focus when the page changes (so a screen reader hears where it landed).
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiProblem } from './api';
import { useTexts } from './i18n';

export function Loading() {
  const { t } = useTexts();
  return (
    <p role="status" className="loading">
      {t.loading}
    </p>
  );
}

export function PageHeading({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function useDocumentTitle(title: string) {
  const { t } = useTexts();
  useEffect(() => void (document.title = `${title} – ${t.appName}`), [title, t.appName]);
}

/** Loads what `load` answers, again when `key` changes; `reload` asks again. `loadedFor` is the key the data answers. */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean; loadedFor?: string }>({ loading: true });
  const run = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => setState({ data, loading: false, loadedFor: key }),
      (error: unknown) => setState({ error, loading: false, loadedFor: key }),
    );
  }, [key]);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTexts();
  return (
    <div role="alert" className="notice error">
      <p>{error instanceof ApiProblem && error.status === 404 ? t.notFound : t.loadFailed}</p>
      <button type="button" onClick={retry}>
        {t.tryAgain}
      </button>
    </div>
  );
}
