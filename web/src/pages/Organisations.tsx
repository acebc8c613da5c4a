// The register of organisations: find one by name or number, register a new one, and its contact persons.
import { useState, type FormEvent } from 'react';
import { useSearch, useLocation } from 'wouter';
import { ApiProblem, call, get } from '../api';
import { LoadError, Loading, PageHeading, useDocumentTitle, useLoad } from '../components';
import { useTexts } from '../i18n';
import { ProblemSummary } from '../problems';
import { isStaff, useSession } from '../session';
import type { Organisation } from '../types';

export default function Organisations() {
  const { t, value } = useTexts();
  const session = useSession()!;
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const name = search.get('namn') ?? '';
  const found = useLoad(() => get<{ organisations: Organisation[] }>(`/organisations?limit=50${name.length >= 2 ? `&name=${encodeURIComponent(name)}` : ''}`), name);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useDocumentTitle(t.organisationsTitle);

  const register = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await call('POST', '/organisations', { body: { name: String(form.get('name')).trim(), organisationNumber: String(form.get('organisationNumber')).trim() } });
      setProblem(null);
      event.currentTarget.reset();
      found.reload();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    }
  };

  return (
    <>
      <PageHeading>{t.organisationsTitle}</PageHeading>
      <form
        role="search"
        className="inline"
        key={name}
        onSubmit={(event) => {
          event.preventDefault();
          navigate(`/organisationer?namn=${encodeURIComponent(String(new FormData(event.currentTarget).get('namn')).trim())}`);
        }}
      >
        <label htmlFor="org-search">{t.findOrganisation}</label>
        <input id="org-search" name="namn" type="search" defaultValue={name} />
        <button type="submit">{t.search}</button>
      </form>
      {found.error ? (
        <LoadError error={found.error} retry={found.reload} />
      ) : !found.data ? (
        <Loading />
      ) : (
        <ul className="organisations">
          {found.data.organisations.map((o) => (
            <li key={o.id}>
              {o.name} ({o.organisationNumber}, {value(o.kind)})
            </li>
          ))}
        </ul>
      )}
      {isStaff(session) && (
        <section aria-labelledby="register-organisation">
          <h2 id="register-organisation">{t.registerOrganisation}</h2>
          <ProblemSummary problem={problem} fieldIds={(field) => `org-${field}`} />
          <form onSubmit={(event) => void register(event)} noValidate>
            <div className="field">
              <label htmlFor="org-name">{t.organisationName}</label>
              <input id="org-name" name="name" autoComplete="organization" />
            </div>
            <div className="field">
              <label htmlFor="org-organisationNumber">{t.organisationNumber}</label>
              <input id="org-organisationNumber" name="organisationNumber" inputMode="numeric" />
            </div>
            <button type="submit">{t.registerOrganisation}</button>
          </form>
        </section>
      )}
    </>
  );
}
