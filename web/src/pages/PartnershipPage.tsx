// A partnership's page: where it stands (the phases as a stepper, what it waits on and from whom,
// what this person can do now and why the rest waits), its parties, decisions with their appeal
// windows, agreement versions side by side, deadlines, follow-ups, e-mail and the audit trail.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { ApiProblem, call, get } from '../api';
import { LoadError, Loading, PageHeading, useDocumentTitle, useLoad } from '../components';
import { day, instant } from '../format';
import { useTexts } from '../i18n';
import { useSession } from '../session';
import type { NextStep, Partnership, PartyWithOrganisation } from '../types';
import type { Choices } from '../forms/StepForm';
import { AgreementVersions } from './AgreementVersions';
import { PublicationPanel } from './PublicationPanel';

const StepForm = lazy(() => import('../forms/StepForm'));

const lifecycle = ['INITIATION', 'FORMULATION', 'LEGAL_REVIEW', 'DECISION', 'IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION'];

interface Extras {
  parties: PartyWithOrganisation[];
  audit: { id: string; occurredAt: string; actorRole: string | null; action: string; revision: number | null; phaseAfter: string | null }[] | null;
  emails: { kind: string; recipient: string; status: string; sentAt: string | null; lastError: string | null }[] | null;
}

export default function PartnershipPage({ id }: { id: string }) {
  const { t, phase, role, step, taskKind, refusal, value, language } = useTexts();
  const session = useSession()!;
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<NextStep | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Said once the page shows the case as the step left it, not before.
  const [pendingMessage, setPendingMessage] = useState<string | null>(null);
  // A step answered 202 (taking longer than the API waits): where its outcome will be, until it is.
  const [awaiting, setAwaiting] = useState<string | null>(null);
  useEffect(() => {
    if (!awaiting) return;
    let stopped = false;
    const settle = (said: string) => {
      setAwaiting(null);
      setPendingMessage(said);
      setVersion((v) => v + 1);
    };
    void (async () => {
      // As the answer's Retry-After asks, for as long as the page is open.
      while (!stopped) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        if (stopped) return;
        try {
          const answer = await call<Partnership>('GET', awaiting.replace(/^\/api\/v1/, ''));
          if (answer.status === 200) return settle(t.stepTaken);
        } catch (error) {
          if (!(error instanceof ApiProblem)) throw error;
          if (error.status >= 500) continue;
          return settle(t.stepRefusedLater(error.problem.reason ? refusal(error.problem.reason) : (error.problem.detail ?? error.problem.title)));
        }
      }
    })();
    return () => {
      stopped = true;
    };
  }, [awaiting, t, refusal]);
  const readsTrail = session.role !== 'ORGANISATION_REPRESENTATIVE' && session.role !== 'LEGAL_REVIEWER';
  const loaded = useLoad(async () => {
    // Everything at once: the page is usable when the slowest of them has answered.
    const [partnership, parties, audit, emails] = await Promise.all([
      get<Partnership>(`/partnerships/${id}`),
      get<{ parties: PartyWithOrganisation[] }>(`/partnerships/${id}/parties`),
      readsTrail ? wholeAuditTrail(id) : null,
      readsTrail ? get<{ notifications: NonNullable<Extras['emails']> }>(`/partnerships/${id}/notifications?limit=100`).then((n) => n.notifications) : null,
    ]);
    return { partnership, extras: { parties: parties.parties, audit, emails } as Extras };
  }, `${id}:${version}`);
  useDocumentTitle(loaded.data?.partnership.title ?? t.partnership);
  const messageBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) messageBox.current?.focus();
  }, [message]);
  useEffect(() => {
    if (!pendingMessage || loaded.loadedFor !== `${id}:${version}`) return;
    setMessage(pendingMessage);
    setPendingMessage(null);
  }, [pendingMessage, loaded.loadedFor, id, version]);

  const partnership = loaded.data?.partnership;
  const extras = loaded.data?.extras;
  const choices: Choices | null = useMemo(
    () =>
      extras && partnership
        ? {
            parties: extras.parties,
            ownPartyIds: session.role === 'ORGANISATION_REPRESENTATIVE' ? new Set(extras.parties.filter((p) => p.organisationId === session.organisationId).map((p) => p.partyId)) : null,
          }
        : null,
    [extras, partnership, session],
  );

  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!partnership || !extras || !choices) return <Loading />;

  const partyName = (partyId: string | null) => extras.parties.find((p) => p.partyId === partyId)?.organisationName ?? '–';
  const phaseIndex = lifecycle.indexOf(partnership.phase);
  const ready = partnership.nextSteps.filter((s) => !s.refusal);
  const waiting = partnership.nextSteps.filter((s) => s.refusal);

  const done = (updated: Partnership | null, outcomeAt?: string | null) => {
    setOpen(null);
    setPendingMessage(updated ? t.stepTaken : t.stepAccepted);
    setAwaiting(outcomeAt ?? null);
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeading>{partnership.title}</PageHeading>
      <p className="meta">
        {t.caseNumber}: {partnership.caseNumber ?? '–'} · {t.coordinator}: {partnership.coordinator.name} · {t.revision} {partnership.revision}
      </p>
      {message && (
        <div className="notice success" role="status" tabIndex={-1} ref={messageBox}>
          {message}
        </div>
      )}

      <section aria-labelledby="where">
        <h2 id="where">{t.whereItStands}</h2>
        <ol className="stepper" aria-label={t.phaseSteps}>
          {lifecycle.map((p, i) => (
            <li key={p} className={i < phaseIndex ? 'done' : i === phaseIndex ? 'current' : 'ahead'} aria-current={i === phaseIndex ? 'step' : undefined}>
              {phase(p)}
              {i === phaseIndex && <span className="visually-hidden"> ({t.currentPhase})</span>}
              {i < phaseIndex && <span className="visually-hidden"> ({t.donePhase})</span>}
            </li>
          ))}
        </ol>
        {phaseIndex < 0 && <p className="ended">{phase(partnership.phase)}</p>}
        <h3>{t.waitingOn}</h3>
        {partnership.waitingOn.length ? (
          <ul>
            {partnership.waitingOn.map((task) => (
              <li key={task.key}>
                {taskKind(task.kind)} – {task.waitsOnRole ? role(task.waitsOnRole) : partyName(task.partyId)}
                {task.dueOn && `, ${t.due.toLowerCase()} ${day(task.dueOn, language)}`}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.nothingWaiting}</p>
        )}
      </section>

      <section aria-labelledby="next">
        <h2 id="next">{t.whatNext}</h2>
        {!partnership.nextSteps.length && <p>{t.noStepsForYou}</p>}
        {ready.length > 0 && (
          <>
            <h3>{t.canTakeNow}</h3>
            <ul className="step-buttons">
              {ready.map((s) => (
                <li key={s.type}>
                  <button type="button" aria-expanded={open?.type === s.type} onClick={() => (setMessage(null), setOpen(open?.type === s.type ? null : s))}>
                    {step(s.type)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {open && (
          <Suspense fallback={<Loading />}>
            <StepForm key={`${open.type}:${partnership.revision}`} partnership={partnership} step={open} choices={choices} onDone={done} onCancel={() => setOpen(null)} />
          </Suspense>
        )}
        {waiting.length > 0 && (
          <>
            <h3>{t.waitsBecause}</h3>
            <ul>
              {waiting.map((s) => (
                <li key={s.type}>
                  <strong>{step(s.type)}</strong>: {refusal(s.refusal!.code)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {partnership.challenge && (
        <section aria-labelledby="challenge">
          <h2 id="challenge">{t.challenge}</h2>
          <p className="long-text">{partnership.challenge}</p>
        </section>
      )}

      <section aria-labelledby="parties">
        <h2 id="parties">{t.parties}</h2>
        {extras.parties.length ? (
          <div className="table-wrap" tabIndex={0} role="group" aria-label={t.parties}>
            <table>
              <caption>{t.parties}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.organisation}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.joined}</th>
                  <th scope="col">{t.contacts}</th>
                  <th scope="col">{t.contributions}</th>
                </tr>
              </thead>
              <tbody>
                {extras.parties.map((p) => (
                  <tr key={p.partyId}>
                    <td>
                      {p.organisationName} {p.leftOn && `(${t.left.toLowerCase()} ${day(p.leftOn, language)})`}
                    </td>
                    <td>{value(p.kind)}</td>
                    <td>{day(p.joinedOn, language)}</td>
                    <td>{p.contactIds.length}</td>
                    <td>{p.contributions.map((c) => value(c.kind)).join(', ') || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t.noneYet}</p>
        )}
      </section>

      {partnership.legalReviews.length > 0 && (
        <section aria-labelledby="review">
          <h2 id="review">{t.legalReview}</h2>
          <ul>
            {partnership.legalReviews.map((r) => (
              <li key={r.round}>
                {t.version} {r.agreementVersion}: {r.conclusion ? value(r.conclusion) : t.noneYet}
                {r.answers.length > 0 && ` (${r.answers.map((a) => `${value(a.item)}: ${value(a.outcome)}`).join('; ')})`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="decisions">
        <h2 id="decisions">{t.decisions}</h2>
        {partnership.decisions.length ? (
          <div className="table-wrap" tabIndex={0} role="group" aria-label={t.decisions}>
            <table>
              <caption>{t.decisions}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.organisation}</th>
                  <th scope="col">{t.decidingBody}</th>
                  <th scope="col">{t.outcome}</th>
                  <th scope="col">{t.meetingDate}</th>
                  <th scope="col">{t.postingDate}</th>
                  <th scope="col">{t.lastDayToAppeal}</th>
                  <th scope="col">{t.finalOn}</th>
                </tr>
              </thead>
              <tbody>
                {partnership.decisions.map((d) => (
                  <tr key={`${d.partyId}:${d.agreementVersion}`}>
                    <td>{partyName(d.partyId)}</td>
                    <td>{d.decidingBody}</td>
                    <td>{value(d.outcome)}</td>
                    <td>{day(d.meetingDate, language)}</td>
                    <td>{day(d.postingDate, language)}</td>
                    <td>{day(d.appealWindowEnds, language)}</td>
                    <td>{d.appealed ? t.appealed : d.final ? t.final : t.notFinal}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t.noneYet}</p>
        )}
      </section>

      <AgreementVersions partnership={partnership} />

      <PublicationPanel id={partnership.id} />

      <section aria-labelledby="deadlines">
        <h2 id="deadlines">{t.deadlines}</h2>
        <Deadlines id={partnership.id} revision={partnership.revision} />
        <CalendarLink id={partnership.id} />
      </section>

      <section aria-labelledby="implementation">
        <h2 id="implementation">{t.followUps}</h2>
        <List items={partnership.followUps.map((f) => `${day(f.date, language)}: ${f.summary}`)} empty={t.noneYet} />
        <h3>{t.deviations}</h3>
        <List items={partnership.deviations.map((d) => `${day(d.raisedOn, language)}: ${d.description}`)} empty={t.none} />
        <h3>{t.disputes}</h3>
        <List items={partnership.disputes.map((d) => `${day(d.raisedOn, language)}: ${d.description}`)} empty={t.none} />
        <h3>{t.evaluations}</h3>
        <List items={partnership.evaluations.map((e) => day(e.recordedOn, language))} empty={t.noneYet} />
      </section>

      {extras.emails && (
        <section aria-labelledby="emails">
          <h2 id="emails">{t.emails}</h2>
          <List items={extras.emails.map((e) => `${e.kind} → ${e.recipient}: ${value(e.status)}${e.sentAt ? ` ${instant(e.sentAt, language)}` : ''}${e.lastError ? ` (${e.lastError})` : ''}`)} empty={t.none} />
        </section>
      )}

      {extras.audit && (
        <section aria-labelledby="audit">
          <h2 id="audit">{t.auditTrail}</h2>
          <div className="table-wrap" tabIndex={0} role="group" aria-label={t.auditTrail}>
            <table>
              <caption>{t.auditTrail}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.when}</th>
                  <th scope="col">{t.who}</th>
                  <th scope="col">{t.what}</th>
                  <th scope="col">{t.phase}</th>
                  <th scope="col">{t.revision}</th>
                </tr>
              </thead>
              <tbody>
                {extras.audit.map((e) => (
                  <tr key={e.id}>
                    <td>{instant(e.occurredAt, language)}</td>
                    <td>{e.actorRole ? role(e.actorRole) : '–'}</td>
                    <td>{step(e.action.replace(/^partnership\./, ''))}</td>
                    <td>{e.phaseAfter ? phase(e.phaseAfter) : '–'}</td>
                    <td>{e.revision ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

/** Every page of the audit trail, oldest first. */
async function wholeAuditTrail(id: string): Promise<NonNullable<Extras['audit']>> {
  const events: NonNullable<Extras['audit']> = [];
  let after: string | null = null;
  do {
    const page: { events: NonNullable<Extras['audit']>; next: string | null } = await get(`/partnerships/${id}/audit-events?limit=1000${after ? `&after=${after}` : ''}`);
    events.push(...page.events);
    after = page.next;
  } while (after && events.length < 10_000);
  return events;
}

/**
 * The deadlines ahead, as the partnership's workflow has planned them: asked of Temporal, so read on
 * their own, and the rest of the page does not wait for them.
 */
function Deadlines({ id, revision }: { id: string; revision: number }) {
  const { t, taskKind, language } = useTexts();
  const deadlines = useLoad(() => get<{ deadlines: { key: string; kind: string; dueOn: string }[] }>(`/partnerships/${id}/deadlines`), `${id}:${revision}`);
  if (deadlines.error) return <LoadError error={deadlines.error} retry={deadlines.reload} />;
  if (!deadlines.data) return <Loading />;
  return deadlines.data.deadlines.length ? (
    <ul>
      {deadlines.data.deadlines.map((d) => (
        <li key={d.key}>
          {day(d.dueOn, language)}: {taskKind(d.kind)}
        </li>
      ))}
    </ul>
  ) : (
    <p>{t.none}</p>
  );
}

function List({ items, empty }: { items: string[]; empty: string }) {
  return items.length ? (
    <ul>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  ) : (
    <p>{empty}</p>
  );
}

function CalendarLink({ id }: { id: string }) {
  const { t } = useTexts();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  if (url)
    return (
      <p>
        <a href={url.replace(/^https?:/, 'webcal:')}>{t.calendarSubscription}</a>
      </p>
    );
  return (
    <p>
      <button
        type="button"
        onClick={() =>
          void call<{ url: string }>('POST', `/partnerships/${id}/calendar-subscription`).then(
            (a) => setUrl(a.body.url),
            (error: unknown) => setFailed(error instanceof ApiProblem),
          )
        }
      >
        {t.calendarSubscription}
      </button>
      {failed && <span role="alert"> {t.loadFailed}</span>}
    </p>
  );
}
