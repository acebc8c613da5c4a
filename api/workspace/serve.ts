// The workspace (web/), served by the API process on its own origin: its pages under a strict CSP
// (no inline script or style, no eval, nothing from elsewhere), its hashed assets cached for good.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request } from 'express';
import { escapeHtml } from '../../platform/html';
import type { SessionDescription } from '../sign-in/routes';

/** Where `vite build` (scripts/setup.mjs) puts the workspace. */
export const workspaceDir = path.resolve(__dirname, '..', '..', 'web', 'dist');

export const workspaceCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The workspace's own paths: every one is answered with its page, and the page routes itself. */
const pagePaths = /^\/(?:arbetslista|partnerskap|organisationer|administration|tillganglighet)?(?:\/[^/]*)*$/;

/**
 * `describeSession`, when people can sign in: a page is sent with its session in a meta element (data,
 * not script), saving the page a round trip; one asked for with no session goes to sign in first.
 */
export function serveWorkspace(app: Express, describeSession?: (req: Request) => Promise<SessionDescription | null>, dir = workspaceDir): void {
  const indexFile = path.join(dir, 'index.html');
  const page = () => (existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null);
  const cached = page();
  app.use(
    '/assets',
    (_req, res, next) => {
      res.set('Content-Security-Policy', workspaceCsp);
      next();
    },
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  // A middleware, not a route: the pages are the workspace's, none of them an operation of the API's.
  app.use(async (req, res, next) => {
    try {
      if (req.method !== 'GET' || !pagePaths.test(req.path) || !req.accepts('html')) return next();
      const html = cached ?? page();
      res.set('Content-Security-Policy', workspaceCsp).set('Cache-Control', 'no-store');
      if (!html) return void res.status(503).type('text/plain').send('The workspace is not built: run `node scripts/setup.mjs`.');
      // The accessibility statement is for everyone, signed in or not.
      const session = describeSession && req.path !== '/tillganglighet' ? await describeSession(req) : null;
      if (describeSession && req.path !== '/tillganglighet' && !session) return void res.redirect(303, `/auth/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
      const meta = session ? `<meta name="iop-session" content="${escapeHtml(JSON.stringify(session))}">` : '';
      res.type('html').send(html.replace('</head>', `${meta}</head>`));
    } catch (error) {
      next(error);
    }
  });
}
