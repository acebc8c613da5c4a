// Webhook subscriptions: add (its signing secret shown once), remove, and each one's delivery log,
// from which an event can be sent again.
import { useState, type FormEvent } from 'react';
import { ApiProblem, call, get } from '../../api';
import { LoadError, Loading, useLoad } from '../../components';
import { instant } from '../../format';
import { useTexts } from '../../i18n';
import { ProblemSummary } from '../../problems';
import type { Organisation } from '../../types';
import { OrganisationOptions, organisationName } from './organisation-choice';

interface Subscription {
  id: string;
  url: string;
  eventTypes: string[];
  organisationId: string | null;
  contactEmail: string;
  status: 'ACTIVE' | 'DISABLED';
  disabledReason: string | null;
  createdAt: string;
}

interface Delivery {
  eventId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  succeeded: boolean;
  at: string;
}

export function Webhooks({ organisations }: { organisations: Organisation[] }) {
  const { t, value, language } = useTexts();
  const subscriptions = useLoad(() => get<{ subscriptions: Subscription[] }>('/webhook-subscriptions').then((s) => s.subscriptions), 'webhooks');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    try {
      const { body } = await call<Subscription & { secret: string }>('POST', '/webhook-subscriptions', {
        body: {
          url: text('url'),
          contactEmail: text('contactEmail'),
          eventTypes: text('eventTypes')
            .split(/[\s,]+/)
            .filter(Boolean),
          organisationId: text('organisationId') || null,
        },
      });
      setProblem(null);
      setSecret(body.secret);
      element.reset();
      subscriptions.reload();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    }
  };

  const remove = async (subscription: Subscription) => {
    await call('DELETE', `/webhook-subscriptions/${subscription.id}`).catch((error: unknown) => {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    });
    subscriptions.reload();
  };

  return (
    <section aria-labelledby="webhooks">
      <h2 id="webhooks">{t.webhooks}</h2>
      <p>{t.webhooksIntro}</p>
      {secret && (
        <div className="notice" role="status">
          <p>{t.webhookSecret}</p>
          <p>
            <code className="secret">{secret}</code>
          </p>
        </div>
      )}
      <ProblemSummary problem={problem} fieldIds={(field) => `webhook-${field}`} />
      {subscriptions.error ? (
        <LoadError error={subscriptions.error} retry={subscriptions.reload} />
      ) : !subscriptions.data ? (
        <Loading />
      ) : subscriptions.data.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul className="webhooks">
          {subscriptions.data.map((s) => (
            <li key={s.id}>
              <h3 className="minor">{s.url}</h3>
              <dl className="facts">
                <dt>{t.webhookStatus}</dt>
                <dd>
                  {value(s.status)}
                  {s.disabledReason ? `: ${s.disabledReason}` : ''}
                </dd>
                <dt>{t.webhookEvents}</dt>
                <dd>{s.eventTypes.length ? s.eventTypes.join(', ') : '–'}</dd>
                <dt>{t.organisation}</dt>
                <dd>{organisationName(organisations, s.organisationId)}</dd>
                <dt>{t.keyCreated}</dt>
                <dd>{instant(s.createdAt, language)}</dd>
              </dl>
              <Deliveries subscription={s} />
              <button type="button" onClick={() => void remove(s)} aria-label={`${t.deleteWebhook}: ${s.url}`}>
                {t.deleteWebhook}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t.addWebhook}</h3>
      <form onSubmit={(event) => void add(event)} noValidate>
        <div className="field">
          <label htmlFor="webhook-url">{t.webhookUrl}</label>
          <input id="webhook-url" name="url" type="url" autoComplete="url" />
        </div>
        <div className="field">
          <label htmlFor="webhook-eventTypes">{t.webhookEvents}</label>
          <input id="webhook-eventTypes" name="eventTypes" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="webhook-organisationId">{t.organisation}</label>
          <select id="webhook-organisationId" name="organisationId" defaultValue="">
            <OrganisationOptions organisations={organisations} none={'–'} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="webhook-contactEmail">{t.contactEmail}</label>
          <input id="webhook-contactEmail" name="contactEmail" type="email" autoComplete="email" />
        </div>
        <button type="submit">{t.addWebhook}</button>
      </form>
    </section>
  );
}

/** A subscription's delivery log, read when it is opened; an event can be sent again from it. */
function Deliveries({ subscription }: { subscription: Subscription }) {
  const { t, language } = useTexts();
  const [open, setOpen] = useState(false);
  const deliveries = useLoad(() => (open ? get<{ deliveries: Delivery[] }>(`/webhook-subscriptions/${subscription.id}/deliveries?limit=100`).then((d) => d.deliveries) : Promise.resolve([])), `${subscription.id}:${open}`);
  const caption = `${t.deliveries}: ${subscription.url}`;
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t.hideDeliveries : t.showDeliveries}
      </button>
      {open &&
        (deliveries.error ? (
          <LoadError error={deliveries.error} retry={deliveries.reload} />
        ) : !deliveries.data || deliveries.loading ? (
          <Loading />
        ) : deliveries.data.length === 0 ? (
          <p>{t.noDeliveries}</p>
        ) : (
          <div className="table-wrap" role="group" aria-label={caption} tabIndex={0}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.when}</th>
                  <th scope="col">{t.deliveryEvent}</th>
                  <th scope="col">{t.deliveryAttempts}</th>
                  <th scope="col">{t.deliveryStatus}</th>
                  <th scope="col">{t.deliveryResponse}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.redeliver}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.map((d) => (
                  <tr key={`${d.eventId}:${d.attempt}:${d.at}`}>
                    <td>{instant(d.at, language)}</td>
                    <td>
                      <code>{d.eventId}</code>
                    </td>
                    <td>{d.attempt}</td>
                    <td>{d.succeeded ? t.sent : t.refused}</td>
                    <td>
                      {d.statusCode ?? d.error ?? '–'} ({d.latencyMs} ms)
                    </td>
                    <td>
                      <button
                        type="button"
                        aria-label={`${t.redeliver}: ${d.eventId}`}
                        onClick={() => void call('POST', `/webhook-subscriptions/${subscription.id}/redeliveries`, { body: { eventId: d.eventId } }).then(deliveries.reload, deliveries.reload)}
                      >
                        {t.redeliver}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
