// Registering a partnership: its title, what is known of the challenge, the case number and the
// coordinator. A refusal is shown at its field.
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ApiProblem, call } from '../api';
import { PageHeading, useDocumentTitle } from '../components';
import { FieldMessage, ProblemSummary } from '../problems';
import { useTexts } from '../i18n';

export function NewPartnership() {
  const { t } = useTexts();
  const [, navigate] = useLocation();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [sending, setSending] = useState(false);
  useDocumentTitle(t.registerTitle);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setSending(true);
    try {
      const { body } = await call<{ id: string }>('POST', '/partnerships', {
        body: {
          title: text('title'),
          ...(text('challenge') ? { challenge: text('challenge') } : {}),
          ...(text('caseNumber') ? { caseNumber: text('caseNumber') } : {}),
          coordinator: { name: text('coordinatorName'), email: text('coordinatorEmail') },
        },
      });
      navigate(`/partnerskap/${body.id}`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
      setSending(false);
    }
  };

  const fields: [name: string, field: string, label: string, kind: 'input' | 'textarea' | 'email'][] = [
    ['title', 'title', t.title, 'input'],
    ['challenge', 'challenge', t.challenge, 'textarea'],
    ['caseNumber', 'caseNumber', t.caseNumber, 'input'],
    ['coordinatorName', 'coordinator.name', t.coordinatorName, 'input'],
    ['coordinatorEmail', 'coordinator.email', t.coordinatorEmail, 'email'],
  ];
  return (
    <>
      <PageHeading>{t.registerTitle}</PageHeading>
      <p>{t.registerIntro}</p>
      <ProblemSummary problem={problem} />
      <form onSubmit={(event) => void submit(event)} noValidate>
        {fields.map(([name, field, label, kind]) => {
          const error = problem?.problem.errors?.find((e) => e.field === field);
          const describedBy = error ? `${name}-error` : undefined;
          return (
            <div className="field" key={name}>
              <label htmlFor={name}>{label}</label>
              <FieldMessage id={`${name}-error`} error={error} />
              {kind === 'textarea' ? (
                <textarea id={name} name={name} rows={5} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
              ) : (
                <input id={name} name={name} type={kind === 'email' ? 'email' : 'text'} autoComplete={kind === 'email' ? 'email' : 'off'} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
              )}
            </div>
          );
        })}
        <button type="submit" disabled={sending}>
          {sending ? t.sending : t.register}
        </button>
      </form>
    </>
  );
}
