// The register's pages, in Swedish and English, rendered on the server with React and sent as
// HTML with no script at all: a filter is a GET form, a page of the list is a link. They read what
// the open data reads (records/register.ts), so a page can never show more than the data publishes.
// A reader who came with a browser is answered with a page in its language, also when the address
// is wrong: never with the open data's JSON problem.
import type { NextFunction, Request, Response, Router } from 'express';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import { DatabaseUnavailable } from '../../platform/database-errors';
import { registerEntry, registerListPage, registerStatistics } from '../../records/register';
import { ProblemError } from '../http/problem';
import { RegisterAboutPage } from './pages/register-about-page';
import { RegisterErrorPage, type PageError } from './pages/register-error-page';
import { stylesheetPath } from './pages/register-layout';
import { RegisterListPage, type ListQuery } from './pages/register-list-page';
import { RegisterPartnershipPage } from './pages/register-partnership-page';
import { RegisterStatisticsPage } from './pages/register-statistics-page';
import { registerStylesheet } from './pages/register-stylesheet';
import { languages, textsIn, type Language } from './pages/register-texts';
import { filterOf } from './register-filter';

export interface RegisterPageDependencies {
  db: Database;
  /** Partnerships on one page of the list. */
  pageSize: number;
}

const pageQuery = z.string().regex(/^[1-9][0-9]{0,5}$/, 'must be a page number, 1 or more').transform(Number).optional();

function sendPage(res: Response, status: number, page: ReactElement): void {
  res.status(status).type('html').send(`<!DOCTYPE html>${renderToStaticMarkup(page)}`);
}

/** A refused filter's fields, each said in the page's language. */
function fieldErrorsIn(language: Language, error: ProblemError): { field: string; detail: string }[] {
  const texts = textsIn(language);
  return (error.errors ?? []).map(({ field }) => ({ field, detail: texts.fieldHints[field] ?? texts.unknownParameter }));
}

export function registerPages(router: Router, deps: RegisterPageDependencies): void {
  const { db, pageSize } = deps;

  router.get(stylesheetPath.replace(/^\/register/, ''), (_req, res) => {
    res.type('css').send(registerStylesheet);
  });

  // The reader's own language when it asks for English before Swedish; Swedish otherwise.
  router.get('/', (req, res) => {
    res.vary('Accept-Language');
    res.redirect(303, `${req.baseUrl}/${req.acceptsLanguages(...languages) === 'en' ? 'en' : 'sv'}`);
  });

  for (const language of languages) {
    const page = (path: string, handler: (req: Request, res: Response) => Promise<void>) =>
      router.get(`/${language}${path}`, (req, res) => {
        handler(req, res).catch((error: unknown) => {
          const rest = req.path.slice(language.length + 1);
          if (error instanceof ProblemError && error.status === 400) {
            sendPage(res, 400, <RegisterErrorPage language={language} rest={rest} error={{ status: 400, fields: fieldErrorsIn(language, error) }} />);
            return;
          }
          const unavailable = error instanceof DatabaseUnavailable;
          req.log[unavailable ? 'warn' : 'error']({ err: error }, unavailable ? 'database unavailable' : 'unhandled error');
          res.setHeader('Cache-Control', 'no-store');
          sendPage(res, unavailable ? 503 : 500, <RegisterErrorPage language={language} rest={rest} error={{ status: 500 }} />);
        });
      });
    const notFound = (req: Request, res: Response, error: PageError = { status: 404 }) =>
      sendPage(res, 404, <RegisterErrorPage language={language} rest={req.path.slice(language.length + 1)} error={error} />);

    page('', async (req, res) => {
      const { page: pageNumber = 1, ...filter } = filterOf(req.query, { page: pageQuery }) as ReturnType<typeof filterOf> & { page?: number };
      const given = (name: keyof ListQuery) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : '');
      const query: ListQuery = { organisation: given('organisation'), area: given('area'), phase: given('phase'), year: given('year') };
      const { total, summaries, publicBodies, years } = await registerListPage(db, filter, pageSize, (pageNumber - 1) * pageSize);
      // A page past the last is a link that went stale as the register changed: said so, with a way back.
      const status = pageNumber > 1 && summaries.length === 0 ? 404 : 200;
      sendPage(res, status, <RegisterListPage language={language} query={query} page={pageNumber} pageSize={pageSize} total={total} summaries={summaries} publicBodies={publicBodies} years={years} />);
    });

    page('/partnerships/:id', async (req, res) => {
      const entry = await registerEntry(db, String(req.params.id));
      if (!entry) return notFound(req, res);
      sendPage(res, 200, <RegisterPartnershipPage language={language} entry={entry} />);
    });

    page('/statistics', async (_req, res) => {
      sendPage(res, 200, <RegisterStatisticsPage language={language} statistics={await registerStatistics(db)} />);
    });

    page('/about', async (_req, res) => {
      sendPage(res, 200, <RegisterAboutPage language={language} />);
    });

    router.get(`/${language}/*rest`, (req, res) => notFound(req, res));
  }

  // The router's own refusals, made before any page is reached (read-only, its rate limit), said as a page to a reader of one.
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const language = languages.find((l) => req.path === `/${l}` || req.path.startsWith(`/${l}/`));
    if (!language || !(error instanceof ProblemError) || (error.status !== 405 && error.status !== 429) || res.headersSent) return next(error);
    sendPage(res, error.status, <RegisterErrorPage language={language} rest={req.path.slice(language.length + 1)} error={{ status: error.status }} />);
  });
}
