// A refusal in plain words: at the top, what went wrong and a link to each field it names; at the
// field, what is wrong with it.
import { useEffect, useRef } from 'react';
import type { ApiProblem, FieldError } from './api';
import { useTexts } from './i18n';

export function ProblemSummary({ problem, fieldIds }: { problem: ApiProblem | null; fieldIds?: (field: string) => string }) {
  const { t, refusal } = useTexts();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [problem]);
  if (!problem) return null;
  const { status, reason, errors } = problem.problem;
  const title = status === 400 ? t.invalidTitle : status === 403 ? t.forbiddenTitle : status === 503 ? t.unavailableTitle : t.refusedTitle;
  return (
    <div className="notice error" role="alert" tabIndex={-1} ref={box}>
      <h2>{title}</h2>
      {reason && <p>{refusal(reason)}</p>}
      {!reason && status !== 400 && problem.problem.detail && <p>{problem.problem.detail}</p>}
      {errors && errors.length > 0 && (
        <ul>
          {errors.map((error) => (
            <li key={error.pointer}>
              <a href={`#${fieldIds ? fieldIds(error.field) : error.field.replace('.', '')}`}>{error.field}</a>: {error.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      {error.detail}
    </p>
  );
}
