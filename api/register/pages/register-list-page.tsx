// The register's list: a form of filters that works without a script (a GET to the same page), the
// number found, one page of partnerships and links to the pages before and after.
import { areaCodes } from '../../../domain/areas';
import { partnershipPhases } from '../../../domain/phases';
import type { RegisterSummary } from '../../../records/register';
import { pageHref, RegisterLayout } from './register-layout';
import { areaName, textsIn, type Language } from './register-texts';

/** The filters as the query gave them (empty is "all"), the form's own values. */
export interface ListQuery {
  organisation: string;
  area: string;
  phase: string;
  year: string;
}

export interface ListPageProps {
  language: Language;
  query: ListQuery;
  page: number;
  pageSize: number;
  total: number;
  summaries: RegisterSummary[];
  publicBodies: { name: string; organisationNumber: string }[];
  years: number[];
}

/** The query of this list at `page`, with only the filters that are set. */
export function listSearch(query: ListQuery, page = 1): string {
  const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''));
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / pageSize));

function Select(props: { name: keyof ListQuery; label: string; all: string; value: string; options: { value: string; text: string }[] }) {
  const id = `filter-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value}>
        <option value="">{props.all}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The public bodies taking part; and the organisation the list is narrowed to when it is none of
 * them (an idéburen party's number, from a link), so that the form shows the filter that is on.
 */
function organisationOptions(publicBodies: ListPageProps['publicBodies'], chosen: string): { value: string; text: string }[] {
  const options = publicBodies.map((body) => ({ value: body.organisationNumber, text: `${body.name} (${body.organisationNumber})` }));
  return chosen === '' || options.some((option) => option.value === chosen) ? options : [{ value: chosen, text: chosen }, ...options];
}

export function RegisterListPage(props: ListPageProps) {
  const { language, query, page, pageSize, total } = props;
  const texts = textsIn(language);
  const pages = pageCount(total, pageSize);
  const beyond = page > pages;
  const first = (page - 1) * pageSize + 1;
  const title = beyond ? texts.noSuchPageTitle : texts.listTitle;
  return (
    <RegisterLayout language={language} title={title} section="list" rest={listSearch(query, page)}>
      <h1>{title}</h1>
      <p className="lead">{texts.listIntro}</p>
      <section className="filters" aria-labelledby="filters-heading">
        <h2 id="filters-heading">{texts.filterHeading}</h2>
        <form method="get" action={pageHref(language)}>
          <div className="filter-fields">
            <Select
              name="organisation"
              label={texts.filterOrganisation}
              all={texts.filterAll}
              value={query.organisation}
              options={organisationOptions(props.publicBodies, query.organisation)}
            />
            <Select name="area" label={texts.filterArea} all={texts.filterAll} value={query.area} options={areaCodes.map((area) => ({ value: area, text: areaName(area, language) }))} />
            <Select name="phase" label={texts.filterPhase} all={texts.filterAll} value={query.phase} options={partnershipPhases.map((phase) => ({ value: phase, text: texts.phases[phase] }))} />
            <Select name="year" label={texts.filterYear} all={texts.filterAll} value={query.year} options={props.years.map((year) => ({ value: String(year), text: String(year) }))} />
          </div>
          <div className="form-actions">
            <button type="submit">{texts.filterSubmit}</button>
            {listSearch(query) ? <a href={pageHref(language)}>{texts.filterClear}</a> : null}
          </div>
        </form>
      </section>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{texts.resultsHeading}</h2>
        {beyond ? (
          <div className="notice">
            <p>{texts.noSuchPage(page, pages)}</p>
            <p>
              <a href={pageHref(language, listSearch(query))}>{texts.toFirstPage}</a>
            </p>
          </div>
        ) : (
          <>
            <p className="results-count">
              {texts.resultsCount(total)}
              {total > pageSize ? texts.resultsRange(first, first + props.summaries.length - 1) : null}
            </p>
            <ol className="results" start={first}>
              {props.summaries.map((summary) => (
                <li key={summary.id}>
                  <h3>
                    <a href={pageHref(language, `/partnerships/${summary.id}`)}>{summary.title}</a>
                  </h3>
                  <dl className="facts">
                    <div>
                      <dt>{texts.parties}</dt>
                      <dd>{summary.parties.map((party) => party.name).join(', ')}</dd>
                    </div>
                    <div>
                      <dt>{texts.area}</dt>
                      <dd>{areaName(summary.area, language)}</dd>
                    </div>
                    <div>
                      <dt>{texts.phase}</dt>
                      <dd>{texts.phases[summary.phase]}</dd>
                    </div>
                    <div>
                      <dt>{texts.startYear}</dt>
                      <dd>{summary.startYear}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ol>
          </>
        )}
        {pages > 1 && !beyond ? (
          <nav className="pagination" aria-label={texts.pagination}>
            {page > 1 ? (
              <a href={pageHref(language, listSearch(query, page - 1))} rel="prev">
                {texts.previousPage}
              </a>
            ) : null}
            <span>{texts.pageOf(page, pages)}</span>
            {page < pages ? (
              <a href={pageHref(language, listSearch(query, page + 1))} rel="next">
                {texts.nextPage}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </RegisterLayout>
  );
}
