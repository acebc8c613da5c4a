// The agreement's versions, and any two side by side, heading by heading.
import { useState } from 'react';
import { get } from '../api';
import { LoadError, Loading, useLoad } from '../components';
import { useTexts } from '../i18n';
import type { Partnership } from '../types';

interface Comparison {
  headings: { heading: string; changed: boolean; from: string | null; to: string | null }[];
}

export function AgreementVersions({ partnership }: { partnership: Partnership }) {
  const { t, field } = useTexts();
  const versions = partnership.agreementVersions;
  const [pair, setPair] = useState<[number, number] | null>(null);
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{t.agreementVersions}</h2>
      {!versions.length ? (
        <p>{t.noneYet}</p>
      ) : (
        <>
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                {t.version} {v.version}: {v.locked ? t.locked : t.draft} ({v.headings.length}/14)
              </li>
            ))}
          </ul>
          {versions.length > 1 && (
            <form
              className="inline"
              onSubmit={(event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                setPair([Number(form.get('from')), Number(form.get('to'))]);
              }}
            >
              <label htmlFor="compare-from">{t.compareFrom}</label>
              <select id="compare-from" name="from" defaultValue={versions.at(-2)!.version}>
                {versions.map((v) => (
                  <option key={v.version}>{v.version}</option>
                ))}
              </select>
              <label htmlFor="compare-to">{t.compareTo}</label>
              <select id="compare-to" name="to" defaultValue={versions.at(-1)!.version}>
                {versions.map((v) => (
                  <option key={v.version}>{v.version}</option>
                ))}
              </select>
              <button type="submit">{t.compare}</button>
            </form>
          )}
          {pair && <Compared id={partnership.id} from={pair[0]} to={pair[1]} label={(h) => field(h)[0]} />}
        </>
      )}
    </section>
  );
}

function Compared({ id, from, to, label }: { id: string; from: number; to: number; label: (heading: string) => string }) {
  const { t } = useTexts();
  const compared = useLoad(() => get<Comparison>(`/partnerships/${id}/agreement-versions/compare?from=${from}&to=${to}`), `${from}:${to}`);
  if (compared.error) return <LoadError error={compared.error} retry={compared.reload} />;
  if (!compared.data) return <Loading />;
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-label={t.compare}>
      <table className="comparison">
        <caption>
          {t.version} {from} – {t.version} {to}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.title}</th>
            <th scope="col">
              {t.version} {from}
            </th>
            <th scope="col">
              {t.version} {to}
            </th>
          </tr>
        </thead>
        <tbody>
          {compared.data.headings.map((h) => (
            <tr key={h.heading} className={h.changed ? 'changed' : undefined}>
              <th scope="row">
                {label(h.heading)} <span className="badge">{h.changed ? t.changed : t.unchanged}</span>
              </th>
              <td className="long-text">{h.from ?? '–'}</td>
              <td className="long-text">{h.to ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
