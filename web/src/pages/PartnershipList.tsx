// Finding partnerships: every filter of the API's listing, the order and the page, all in the URL,
// so that a view can be bookmarked and sent to a colleague.
import type { FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { get } from '../api';
import { LoadError, Loading, PageHeading, useDocumentTitle, useLoad } from '../components';
import { day } from '../format';
import { useTexts } from '../i18n';

interface ListItem {
  id: string;
  title: string;
  phase: string;
  termEndDate: string | null;
  nextDeadlineOn: string | null;
  caseNumber: string | null;
}

const phases = ['INITIATION', 'FORMULATION', 'LEGAL_REVIEW', 'DECISION', 'IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION', 'ENDED', 'TERMINATED', 'CLOSED'];
const sorts = ['-createdAt', 'createdAt', 'termEndDate', 'nextDeadlineOn'] as const;
/** The listing's parameters the page keeps in its URL, as the API names them. */
const filterNames = ['q', 'phase', 'reference', 'termEndsBefore', 'nextDeadlineBefore', 'sort', 'cursor'] as const;

export function PartnershipList() {
  const { t, phase, language } = useTexts();
  const [, navigate] = useLocation();
  const search = new URLSearchParams(useSearch());
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = search.get(name);
    if (value) query.set(name, value);
  }
  if (!query.has('sort')) query.set('sort', '-createdAt');
  query.set('limit', '25');
  const list = useLoad(() => get<{ partnerships: ListItem[]; next: string | null }>(`/partnerships?${query}`), query.toString());
  useDocumentTitle(t.partnerships);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of filterNames) {
      const value = form.get(name);
      if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
    }
    navigate(`/partnerskap?${next}`);
  };
  const nextCursor = list.data?.next ? new URL(list.data.next, window.location.origin).searchParams.get('cursor') : null;
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams(search);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    return `/partnerskap?${next}`;
  };
  const sortLabels: Record<(typeof sorts)[number], string> = { '-createdAt': t.sortNewest, createdAt: t.sortOldest, termEndDate: t.sortTermEnd, nextDeadlineOn: t.sortDeadline };

  return (
    <>
      <PageHeading>{t.partnerships}</PageHeading>
      {/* key: a bookmarked or shared URL fills the form anew */}
      <form className="filters" onSubmit={apply} key={search.toString()} role="search">
        <div className="field">
          <label htmlFor="f-q">{t.filterText}</label>
          <input id="f-q" name="q" type="search" defaultValue={search.get('q') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-phase">{t.filterPhase}</label>
          <select id="f-phase" name="phase" defaultValue={search.get('phase') ?? ''}>
            <option value="">{t.filterAnyPhase}</option>
            {phases.map((p) => (
              <option key={p} value={p}>
                {phase(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-reference">{t.filterCaseNumber}</label>
          <input id="f-reference" name="reference" defaultValue={search.get('reference') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-term">{t.filterTermEndsBefore}</label>
          <input id="f-term" name="termEndsBefore" type="date" defaultValue={search.get('termEndsBefore') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-deadline">{t.filterDeadlineBefore}</label>
          <input id="f-deadline" name="nextDeadlineBefore" type="date" defaultValue={search.get('nextDeadlineBefore') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-sort">{t.sort}</label>
          <select id="f-sort" name="sort" defaultValue={search.get('sort') ?? '-createdAt'}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {sortLabels[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="buttons">
          <button type="submit">{t.search}</button>
          <Link href="/partnerskap">{t.clearFilters}</Link>
        </div>
      </form>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} retry={list.reload} />
      ) : (
        <>
          <p role="status">{list.data!.partnerships.length ? t.resultCount(list.data!.partnerships.length) : t.noPartnerships}</p>
          {list.data!.partnerships.length > 0 && (
            <div className="table-wrap" tabIndex={0} role="group" aria-label={t.partnerships}>
              <table>
                <caption>{t.partnerships}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.title}</th>
                    <th scope="col">{t.phase}</th>
                    <th scope="col">{t.caseNumber}</th>
                    <th scope="col">{t.termEnds}</th>
                    <th scope="col">{t.nextDeadline}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data!.partnerships.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link href={`/partnerskap/${p.id}`}>{p.title}</Link>
                      </td>
                      <td>{phase(p.phase)}</td>
                      <td>{p.caseNumber ?? '–'}</td>
                      <td>{day(p.termEndDate, language)}</td>
                      <td>{day(p.nextDeadlineOn, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav aria-label={t.partnerships} className="pager">
            {search.get('cursor') && <Link href={withCursor(null)}>{t.previous}</Link>}
            {nextCursor && <Link href={withCursor(nextCursor)}>{t.next}</Link>}
          </nav>
        </>
      )}
    </>
  );
}
