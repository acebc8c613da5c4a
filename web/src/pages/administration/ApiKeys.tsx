// API keys: issue (its secret shown once), rotate and revoke, each change audited by the API.
import { useState, type FormEvent } from 'react';
import { ApiProblem, call, get } from '../../api';
import { LoadError, Loading, useLoad } from '../../components';
import { endOfSwedishDay, instant } from '../../format';
import { useTexts } from '../../i18n';
import { ProblemSummary } from '../../problems';
import type { Organisation } from '../../types';
import { OrganisationOptions, organisationName } from './organisation-choice';

interface ApiKey {
  id: string;
  label: string;
  role: string;
  organisationId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const roles = ['ADMINISTRATOR', 'CASE_OFFICER', 'LEGAL_REVIEWER', 'ORGANISATION_REPRESENTATIVE', 'AUDITOR'];

export function ApiKeys({ organisations }: { organisations: Organisation[] }) {
  const { t, role, language } = useTexts();
  const keys = useLoad(() => get<{ keys: ApiKey[] }>('/api-keys').then((k) => k.keys), 'keys');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [secret, setSecret] = useState<{ label: string; key: string } | null>(null);
  const [chosenRole, setChosenRole] = useState('CASE_OFFICER');
  const [confirming, setConfirming] = useState<string | null>(null);

  const issue = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const expires = String(form.get('expiresAt') ?? '');
    try {
      const { body } = await call<ApiKey & { key: string }>('POST', '/api-keys', {
        body: {
          label: String(form.get('label')).trim(),
          role: chosenRole,
          ...(chosenRole === 'ORGANISATION_REPRESENTATIVE' ? { organisationId: String(form.get('organisationId') ?? '') } : {}),
          ...(expires ? { expiresAt: endOfSwedishDay(expires) } : {}),
        },
      });
      setProblem(null);
      setSecret({ label: body.label, key: body.key });
      element.reset();
      keys.reload();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    }
  };

  const change = async (method: string, path: string, body?: unknown) => {
    try {
      const answer = await call<ApiKey & { key?: string }>(method, path, body === undefined ? {} : { body });
      if (answer.body?.key) setSecret({ label: answer.body.label, key: answer.body.key });
      setProblem(null);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    }
    setConfirming(null);
    keys.reload();
  };

  return (
    <section aria-labelledby="api-keys">
      <h2 id="api-keys">{t.apiKeys}</h2>
      <p>{t.apiKeysIntro}</p>
      {secret && (
        <div className="notice" role="status">
          <p>
            {t.issuedKeySecret} <strong>{secret.label}</strong>
          </p>
          <p>
            <code className="secret">{secret.key}</code>
          </p>
        </div>
      )}
      <ProblemSummary problem={problem} fieldIds={(field) => `key-${field}`} />
      {keys.error ? (
        <LoadError error={keys.error} retry={keys.reload} />
      ) : !keys.data ? (
        <Loading />
      ) : (
        <div className="table-wrap" role="group" aria-label={t.apiKeys} tabIndex={0}>
          <table>
            <caption>{t.apiKeys}</caption>
            <thead>
              <tr>
                <th scope="col">{t.keyLabel}</th>
                <th scope="col">{t.keyRole}</th>
                <th scope="col">{t.organisation}</th>
                <th scope="col">{t.keyCreated}</th>
                <th scope="col">{t.keyExpires}</th>
                <th scope="col">{t.keyLastUsed}</th>
                <th scope="col">{t.webhookStatus}</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.label}</th>
                  <td>{role(key.role)}</td>
                  <td>{organisationName(organisations, key.organisationId)}</td>
                  <td>{instant(key.createdAt, language)}</td>
                  <td>{instant(key.expiresAt, language)}</td>
                  <td>{instant(key.lastUsedAt, language)}</td>
                  <td>
                    {key.revokedAt ? (
                      `${t.keyRevoked} ${instant(key.revokedAt, language)}`
                    ) : confirming === key.id ? (
                      <span className="buttons">
                        <button type="button" className="danger" onClick={() => void change('DELETE', `/api-keys/${key.id}`)}>
                          {t.confirmRevoke} {key.label}
                        </button>
                        <button type="button" onClick={() => setConfirming(null)}>
                          {t.cancel}
                        </button>
                      </span>
                    ) : (
                      <span className="buttons">
                        {t.keyActive}
                        <button type="button" onClick={() => void change('POST', `/api-keys/${key.id}/rotation`, {})} aria-label={`${t.rotateKey}: ${key.label}`}>
                          {t.rotateKey}
                        </button>
                        <button type="button" onClick={() => setConfirming(key.id)} aria-label={`${t.revokeKey}: ${key.label}`}>
                          {t.revokeKey}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t.issueKey}</h3>
      <form onSubmit={(event) => void issue(event)} noValidate>
        <div className="field">
          <label htmlFor="key-label">{t.keyLabel}</label>
          <input id="key-label" name="label" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="key-role">{t.keyRole}</label>
          <select id="key-role" name="role" value={chosenRole} onChange={(event) => setChosenRole(event.target.value)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {role(r)}
              </option>
            ))}
          </select>
        </div>
        {chosenRole === 'ORGANISATION_REPRESENTATIVE' && (
          <div className="field">
            <label htmlFor="key-organisationId">{t.keyOrganisation}</label>
            <select id="key-organisationId" name="organisationId" defaultValue="">
              <OrganisationOptions organisations={organisations} none={t.choose} />
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="key-expiresAt">{t.keyExpires}</label>
          <input id="key-expiresAt" name="expiresAt" type="date" />
        </div>
        <button type="submit">{t.issueKey}</button>
      </form>
    </section>
  );
}
