// The register of organisations: find one by name or number, register a new one, and its contact persons.
import { useState, type FormEvent } from 'react';
import { useSearch, useLocation } from 'wouter';
import { ApiProblem, call, get } from '../api';
import { LoadError, Loading, PageHeading, useDocumentTitle, useLoad } from '../components';
import { useTexts } from '../i18n';
import { ProblemSummary } from '../problems';
import { isStaff, useSession } from '../session';
import type { Organisation } from '../types';
import { ContactList } from './ContactList';

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
    const element = event.currentTarget;
    const form = new FormData(element);
    try {
      await call('POST', '/organisations', { body: { name: String(form.get('name')).trim(), kind: String(form.get('kind')), organisationNumber: String(form.get('organisationNumber')).trim() } });
      setProblem(null);
      element.reset();
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
            <OrganisationItem key={o.id} organisation={o} canChange={isStaff(session) || session.organisationId === o.id} />
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
              <label htmlFor="org-kind">{t.kind}</label>
              <select id="org-kind" name="kind" defaultValue="IDEBUREN">
                {['PUBLIC', 'IDEBUREN', 'PRIVATE'].map((kind) => (
                  <option key={kind} value={kind}>
                    {value(kind)}
                  </option>
                ))}
              </select>
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

/** One organisation; its contact persons are read when it is opened. */
function OrganisationItem({ organisation: o, canChange }: { organisation: Organisation; canChange: boolean }) {
  const { t, value } = useTexts();
  const [open, setOpen] = useState(false);
  return (
    <li>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          {o.name} ({o.organisationNumber}, {value(o.kind)})
        </summary>
        <h2 className="minor">{t.contacts}</h2>
        {open && <ContactList organisationId={o.id} canChange={canChange} />}
      </details>
    </li>
  );
}
