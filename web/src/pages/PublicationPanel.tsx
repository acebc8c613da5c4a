// A partnership's place in the public register (offentliga IOP-registret): whether it appears and
// where, its area of work, and the administrator's exceptions to the publication policy, publishing
// before every decision is final and withholding on a ground of offentlighets- och sekretesslagen.
// The fields and the ground's form come from the domain, as the API checks them.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { areaCodes, areas } from '../../../domain/areas';
import { wholePartnership, withholdableFields } from '../../../domain/publication';
import { ApiProblem, call, get } from '../api';
import { LoadError, Loading, useLoad } from '../components';
import { instant } from '../format';
import { useTexts } from '../i18n';
import { FieldMessage, ProblemSummary } from '../problems';
import { useSession } from '../session';

interface Publication {
  appears: boolean;
  area: string | null;
  publishedEarly: { publishedAt: string } | null;
  withholdings: { field: string; ground: string; withheldAt: string }[];
  register: string | null;
}

const targets = [wholePartnership, ...withholdableFields];

export function PublicationPanel({ id }: { id: string }) {
  const { t, language } = useTexts();
  const session = useSession()!;
  const [version, setVersion] = useState(0);
  const publication = useLoad(() => get<Publication>(`/partnerships/${id}/publication`), `${id}:${version}`);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  // Counted, so that the same words said again take the focus again.
  const [said, setSaid] = useState<{ text: string; count: number } | null>(null);
  // A keyboard user's button may be gone once the change is made (publish becomes withdraw): the
  // focus goes to what was said, where a screen reader reads it and Tab goes on from the panel.
  const saidBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (said) saidBox.current?.focus();
  }, [said]);
  const administers = session.role === 'ADMINISTRATOR';
  const setsArea = administers || session.role === 'CASE_OFFICER';
  const target = (field: string) => (t.publicationTargets as Record<string, string>)[field] ?? field;

  /** Sends one change; on its answer, says so and reads the publication again; on a refusal, shows it and changes nothing. */
  const change = async (method: string, path: string, done: string, body?: unknown) => {
    try {
      await call(method, `/partnerships/${id}${path}`, body === undefined ? {} : { body });
      setProblem(null);
      setSaid((before) => ({ text: done, count: (before?.count ?? 0) + 1 }));
      setVersion((v) => v + 1);
      return true;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setSaid(null);
      setProblem(error);
      return false;
    }
  };

  const saveArea = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void change('PUT', '/area', t.areaSaved, { area: String(new FormData(event.currentTarget).get('area')) });
  };

  const withhold = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const field = String(form.get('field'));
    if (await change('PUT', `/publication/withholdings/${field}`, t.withheldSaid(target(field)), { ground: String(form.get('ground') ?? '').trim() })) element.reset();
  };

  const groundError = problem?.problem.errors?.find((e) => e.field === 'ground');

  if (publication.error) return <LoadError error={publication.error} retry={publication.reload} />;
  const p = publication.data;
  return (
    <section aria-labelledby="publication">
      <h2 id="publication">{t.publicRegister}</h2>
      {said && (
        <div className="notice success" role="status" tabIndex={-1} ref={saidBox}>
          {said.text}
        </div>
      )}
      <ProblemSummary problem={problem} fieldIds={(field) => `publication-${field}`} />
      {!p ? (
        <Loading />
      ) : (
        <>
          <p>
            {p.appears && p.register ? (
              <>
                {t.appearsInRegister} <a href={p.register.replace('/register/sv/', `/register/${language}/`)}>{t.registerPage}</a>
              </>
            ) : (
              t.notInRegister
            )}
          </p>
          <dl className="facts">
            <dt>{t.area}</dt>
            <dd>{p.area ? areas[p.area as keyof typeof areas][language] : '–'}</dd>
            <dt>{t.publishedEarly}</dt>
            <dd>{p.publishedEarly ? instant(p.publishedEarly.publishedAt, language) : t.no}</dd>
          </dl>
          {setsArea && (
            <form onSubmit={saveArea} className="inline-form">
              <div className="field">
                <label htmlFor="publication-area">{t.area}</label>
                <select id="publication-area" name="area" defaultValue={p.area ?? areaCodes[0]} key={p.area ?? ''}>
                  {areaCodes.map((code) => (
                    <option key={code} value={code}>
                      {areas[code][language]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">{t.saveArea}</button>
            </form>
          )}
          <h3>{t.withholdings}</h3>
          {p.withholdings.length === 0 ? (
            <p>{t.none}</p>
          ) : (
            <ul>
              {p.withholdings.map((w) => (
                <li key={w.field}>
                  {target(w.field)}: {t.withheldUnder} {w.ground} ({instant(w.withheldAt, language)})
                  {administers && (
                    <>
                      {' '}
                      <button type="button" onClick={() => void change('DELETE', `/publication/withholdings/${w.field}`, t.liftedSaid(target(w.field)))} aria-label={`${t.liftWithholding}: ${target(w.field)}`}>
                        {t.liftWithholding}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {administers && (
            <>
              {p.publishedEarly ? (
                <button type="button" onClick={() => void change('DELETE', '/publication/early', t.earlyWithdrawnSaid)}>
                  {t.withdrawEarlyPublication}
                </button>
              ) : (
                <button type="button" onClick={() => void change('PUT', '/publication/early', t.publishedEarlySaid)}>
                  {t.publishEarly}
                </button>
              )}
              <h3>{t.withholdTitle}</h3>
              <form onSubmit={(event) => void withhold(event)} noValidate>
                <div className="field">
                  <label htmlFor="publication-field">{t.withholdWhat}</label>
                  <select id="publication-field" name="field" defaultValue={wholePartnership}>
                    {targets.map((field) => (
                      <option key={field} value={field}>
                        {target(field)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="publication-ground">{t.withholdingGround}</label>
                  <p className="hint" id="publication-ground-hint">
                    {t.withholdingGroundHint}
                  </p>
                  <FieldMessage id="publication-ground-error" error={groundError} />
                  <input id="publication-ground" name="ground" autoComplete="off" aria-invalid={groundError ? true : undefined} aria-describedby={groundError ? 'publication-ground-hint publication-ground-error' : 'publication-ground-hint'} />
                </div>
                <button type="submit">{t.withhold}</button>
              </form>
            </>
          )}
        </>
      )}
    </section>
  );
}
