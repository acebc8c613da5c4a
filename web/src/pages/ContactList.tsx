// An organisation's contact persons: add, correct (GDPR article 16) and erase (article 17).
import { useState, type FormEvent } from 'react';
import { ApiProblem, call, get } from '../api';
import { LoadError, Loading, useLoad } from '../components';
import { useTexts } from '../i18n';
import { ProblemSummary } from '../problems';

interface Contact {
  id: string;
  name: string;
  role: string | null;
  email: string;
}

export function ContactList({ organisationId, canChange }: { organisationId: string; canChange: boolean }) {
  const { t } = useTexts();
  const contacts = useLoad(() => get<{ contacts: Contact[] }>(`/organisations/${organisationId}/contacts`), organisationId);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const send = async (method: string, path: string, body?: unknown) => {
    try {
      await call(method, `/organisations/${organisationId}/contacts${path}`, body === undefined ? {} : { body });
      setProblem(null);
      setEditing(null);
      setConfirming(null);
      contacts.reload();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    }
  };
  const fields = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get('role') ?? '').trim();
    return { name: String(form.get('name') ?? '').trim(), email: String(form.get('email') ?? '').trim(), role: role || null };
  };
  const contactForm = (id: string, contact: Contact | null, onSubmit: (event: FormEvent<HTMLFormElement>) => void, submit: string) => (
    <form onSubmit={onSubmit} noValidate className="contact-form">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t.contactName}</label>
        <input id={`${id}-name`} name="name" defaultValue={contact?.name} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t.contactRole}</label>
        <input id={`${id}-role`} name="role" defaultValue={contact?.role ?? ''} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t.contactEmail}</label>
        <input id={`${id}-email`} name="email" type="email" defaultValue={contact?.email} autoComplete="off" />
      </div>
      <button type="submit">{submit}</button>
    </form>
  );

  if (contacts.error) return <LoadError error={contacts.error} retry={contacts.reload} />;
  if (!contacts.data) return <Loading />;
  return (
    <div>
      <ProblemSummary problem={problem} />
      {contacts.data.contacts.length ? (
        <ul>
          {contacts.data.contacts.map((c) => (
            <li key={c.id}>
              {c.name}
              {c.role && `, ${c.role}`} ({c.email})
              {canChange && (
                <span className="actions">
                  <button type="button" aria-expanded={editing === c.id} onClick={() => setEditing(editing === c.id ? null : c.id)}>
                    {t.correctContact} <span className="visually-hidden">{c.name}</span>
                  </button>
                  {confirming === c.id ? (
                    <button type="button" onClick={() => void send('DELETE', `/${c.id}`)}>
                      {t.confirmErase} <span className="visually-hidden">{c.name}</span>
                    </button>
                  ) : (
                    <button type="button" onClick={() => setConfirming(c.id)}>
                      {t.eraseContact} <span className="visually-hidden">{c.name}</span>
                    </button>
                  )}
                </span>
              )}
              {editing === c.id && contactForm(`edit-${c.id}`, c, (event) => void send('PATCH', `/${c.id}`, fields(event)), t.save)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.none}</p>
      )}
      {canChange && (
        <details>
          <summary>{t.addContact}</summary>
          {contactForm(`new-${organisationId}`, null, (event) => void send('POST', '', fields(event)), t.addContact)}
        </details>
      )}
    </div>
  );
}
