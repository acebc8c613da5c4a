import { exportsTraces } from '../../platform/tracing';

describe('whether traces leave the process', () => {
  it('when no OTEL_* variable is set, then nothing is exported', () => {
    expect(exportsTraces({})).toBe(false);
  });

  it('when an OTLP endpoint is set, for all signals or for traces, then traces are exported', () => {
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(exportsTraces({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
  });

  it('when OTEL_TRACES_EXPORTER says none, then nothing is exported whatever the endpoint; when it says otlp, then traces go to the default endpoint', () => {
    expect(exportsTraces({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(false);
    expect(exportsTraces({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(exportsTraces({ OTEL_TRACES_EXPORTER: 'console, otlp' })).toBe(true);
  });
});
