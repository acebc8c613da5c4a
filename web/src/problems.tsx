// A refusal in plain words: at the top, what went wrong and a link to each field it names; at the
// field, what is wrong with it.
import { useEffect, useRef } from 'react';
import type { ApiProblem, FieldError } from './api';
import { useTexts, type Language } from './i18n';

/** The API's word on a field (zod's, in English) in the person's language, for what people mostly meet. */
export function fieldDetail(detail: string, language: Language): string {
  if (language === 'en') return detail;
  const at = (pattern: RegExp) => pattern.exec(detail);
  let m: RegExpExecArray | null;
  if (at(/received undefined|is required/i)) return 'Fyll i det här fältet.';
  if ((m = at(/>=\s*(\d+) characters?/))) return `Skriv minst ${m[1]} tecken.`;
  if ((m = at(/<=\s*(\d+) characters?/))) return `Skriv högst ${m[1]} tecken.`;
  if ((m = at(/>=\s*(\d+) items?/))) return `Välj minst ${m[1]}.`;
  if (at(/email/i)) return 'Skriv en giltig e-postadress, till exempel namn@kommun.se.';
  if (at(/uuid/i)) return 'Välj ett av alternativen.';
  if (at(/date/i)) return 'Skriv ett datum som ÅÅÅÅ-MM-DD.';
  if (at(/chapter and section/)) return 'Skriv kapitel och paragraf i offentlighets- och sekretesslagen, till exempel 21 kap. 7 §.';
  if (at(/character that cannot be stored|wrong form|pattern/i)) return 'Texten innehåller tecken som inte kan sparas.';
  return detail;
}

export function ProblemSummary({ problem, fieldIds }: { problem: ApiProblem | null; fieldIds?: (field: string) => string }) {
  const { t, refusal, field, language } = useTexts();
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
              <a href={`#${fieldIds ? fieldIds(error.field) : error.field}`}>{field(error.field.split('.').at(-1)!)[0]}</a>: {fieldDetail(error.detail, language)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  const { language } = useTexts();
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      {fieldDetail(error.detail, language)}
    </p>
  );
}
