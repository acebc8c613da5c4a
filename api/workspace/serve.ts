// The workspace (web/), served by the API process on its own origin: its pages under a strict CSP
// (no inline script or style, no eval, nothing from elsewhere), its hashed assets cached for good.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

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
const pagePaths = /^\/(?:arbetslista|partnerskap|organisationer|tillganglighet)?(?:\/[^/]*)*$/;

export function serveWorkspace(app: Express, dir = workspaceDir): void {
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
  app.get(pagePaths, (req, res, next) => {
    if (!req.accepts('html')) return next();
    const html = cached ?? page();
    res.set('Content-Security-Policy', workspaceCsp).set('Cache-Control', 'no-cache');
    if (!html) return void res.status(503).type('text/plain').send('The workspace is not built: run `node scripts/setup.mjs`.');
    res.type('html').send(html);
  });
}
