import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../platform/config';

// Real files in a directory of the test's own, as compose mounts its secrets under /run/secrets.
const dir = mkdtempSync(path.join(os.tmpdir(), 'iop-setting-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function secretFile(name: string, contents: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, contents);
  return file;
}

const databaseUrl = 'postgresql://iop_app:s3cret-password@postgres:5432/iop';

describe('settings from files (X_FILE, as Docker secrets give them)', () => {
  it('when DATABASE_URL_FILE and CALENDAR_FEED_SECRET_FILE name files, then the settings are their contents without the trailing newline', () => {
    const secret = 'a-calendar-feed-secret-of-forty-characters';
    const config = loadConfig({
      DATABASE_URL_FILE: secretFile('database-url', `${databaseUrl}\n`),
      CALENDAR_FEED_SECRET_FILE: secretFile('calendar-feed-secret', `${secret}\n`),
    });
    expect(config.DATABASE_URL).toBe(databaseUrl);
    expect(config.CALENDAR_FEED_SECRET).toBe(secret);
  });

  it('when a secret file ends in more than one newline, then only one is trimmed', () => {
    const secret = 'a-calendar-feed-secret-of-forty-characters';
    const config = loadConfig({ DATABASE_URL: databaseUrl, CALENDAR_FEED_SECRET_FILE: secretFile('calendar', `${secret}\n\n`) });
    expect(config.CALENDAR_FEED_SECRET).toBe(`${secret}\n`);
  });

  it('when both SESSION_SECRET and SESSION_SECRET_FILE are set, then start-up fails naming both', () => {
    const env = { DATABASE_URL: databaseUrl, SESSION_SECRET: 'x'.repeat(40), SESSION_SECRET_FILE: secretFile('session', 'y'.repeat(40)) };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow('Invalid configuration: SESSION_SECRET and SESSION_SECRET_FILE are both set; set one of them');
  });

  it('when X_FILE names a file that is not there, then start-up fails naming X_FILE', () => {
    expect(() => loadConfig({ DATABASE_URL_FILE: path.join(dir, 'missing') })).toThrow('Invalid configuration: DATABASE_URL_FILE names a file that cannot be read (ENOENT)');
  });

  it('when a file holds a wrong value, then start-up names the setting and not the value', () => {
    const secret = 'too-short-to-sign';
    let message = '';
    try {
      loadConfig({ DATABASE_URL: databaseUrl, OIDC_CLIENT_SECRET_FILE: secretFile('oidc', `${'s'.repeat(10)}\n`), CALENDAR_FEED_SECRET_FILE: secretFile('short', secret) });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/OIDC_CLIENT_SECRET must be at least 16 characters/);
    expect(message).toMatch(/CALENDAR_FEED_SECRET must be at least 32 characters/);
    expect(message).not.toContain(secret);
  });

  it('when X_FILE is empty, then it counts as unset, as an empty X does', () => {
    expect(loadConfig({ DATABASE_URL: databaseUrl, SMTP_URL: '', SMTP_URL_FILE: '' }).SMTP_URL).toBe('smtp://127.0.0.1:1025');
  });
});
