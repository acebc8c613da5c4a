import { ConfigError, loadConfig } from '../../platform/config';

const valid = { DATABASE_URL: 'postgresql://iop:s3cret-password@db.internal:5432/iop' };

describe('configuration', () => {
  it('when only DATABASE_URL is set, then every other setting takes its embedded default', () => {
    const config = loadConfig(valid);

    expect(config).toMatchObject({
      PORT: 3000,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'iop-lifecycle',
      SMTP_URL: 'smtp://127.0.0.1:1025',
      LOG_LEVEL: 'info',
    });
  });

  it('when CASE_LINK_TEMPLATE is an http(s) URL with its placeholders, then it is taken; when it is not, then start-up fails naming it', () => {
    expect(loadConfig({ ...valid, CASE_LINK_TEMPLATE: 'https://diarium.kommun.example/arende?dnr={caseNumber}' }).CASE_LINK_TEMPLATE).toBe(
      'https://diarium.kommun.example/arende?dnr={caseNumber}',
    );
    expect(loadConfig(valid).CASE_LINK_TEMPLATE).toBeUndefined();
    for (const wrong of ['diarium/{caseNumber}', 'javascript:alert(1)//{id}', 'ftp://files.example/{id}']) {
      expect(() => loadConfig({ ...valid, CASE_LINK_TEMPLATE: wrong })).toThrow(/CASE_LINK_TEMPLATE/);
    }
  });

  it('when WORKER_STICKY_QUEUE_TIMEOUT_SECONDS is unset, then a cached workflow waits 30 s for its worker; when it is not a whole number of seconds from 1 to 600, then start-up fails naming it', () => {
    expect(loadConfig(valid).WORKER_STICKY_QUEUE_TIMEOUT_SECONDS).toBe(30);
    expect(loadConfig({ ...valid, WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: '45' }).WORKER_STICKY_QUEUE_TIMEOUT_SECONDS).toBe(45);
    for (const wrong of ['0', '601', '2.5', 'soon']) {
      expect(() => loadConfig({ ...valid, WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: wrong })).toThrow(/WORKER_STICKY_QUEUE_TIMEOUT_SECONDS/);
    }
  });

  it('when DATABASE_POOL_SIZE is unset, then each process opens up to 10 connections; when it is not a whole number from 1 to 1,000, then start-up fails naming it', () => {
    expect(loadConfig(valid).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ ...valid, DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
    for (const wrong of ['0', '1001', '2.5', 'many', '99999999999999999999']) {
      expect(() => loadConfig({ ...valid, DATABASE_POOL_SIZE: wrong })).toThrow(/DATABASE_POOL_SIZE/);
    }
  });

  it('when the metrics settings are unset, then the worker serves none and the API asks no token; malformed, start-up fails naming them without their values', () => {
    expect(loadConfig(valid)).toMatchObject({ WORKER_METRICS_ADDRESS: undefined, METRICS_TOKEN: undefined });
    expect(loadConfig({ ...valid, WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }).WORKER_METRICS_ADDRESS).toBe('0.0.0.0:9464');
    expect(() => loadConfig({ ...valid, WORKER_METRICS_ADDRESS: 'http://0.0.0.0:9464' })).toThrow(/WORKER_METRICS_ADDRESS must be host:port/);
    expect(() => loadConfig({ ...valid, METRICS_TOKEN: 'short-secret' })).toThrow(/^(?!.*short-secret).*METRICS_TOKEN must be at least 16 characters/);
  });

  it('when DATABASE_URL is missing, then start-up fails naming it as required', () => {
    expect(() => loadConfig({})).toThrow('Invalid configuration: DATABASE_URL is required');
  });

  it('when several variables are wrong, then the error names each of them and what is wrong', () => {
    let error: unknown;
    try {
      loadConfig({ ...valid, PORT: 'eighty', TEMPORAL_ADDRESS: 'temporal', SMTP_URL: 'http://mail', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual(['PORT', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'LOG_LEVEL']);
    expect((error as ConfigError).message).toContain('PORT must be a port number');
    expect((error as ConfigError).message).toContain('TEMPORAL_ADDRESS must be host:port');
  });

  it('when a secret-bearing variable is malformed, then its value never appears in the message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://iop:hunter2@db/iop' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('when a variable is set but empty, then it counts as unset', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });
});
