// Bringing in a running partnership (administrators): one form made from the import's published
// JSON Schema (GET /forms/partnership-import, the declaration the API validates with), organisations
// chosen by name, and the API's refusals at their fields however deep they sit.
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiProblem, call, get } from '../api';
import { LoadError, Loading, PageHeading, useDocumentTitle, useLoad } from '../components';
import { errorsAtNestedFields, filledInDeep, nestedForm } from '../forms/nested-schema';
import { optionMatcher } from '../forms/option-matcher';
import { rendererTexts } from '../forms/renderer-texts';
import { useTexts } from '../i18n';
import { ProblemSummary } from '../problems';
import type { Organisation } from '../types';

export default function ImportPartnership() {
  const texts = useTexts();
  const { t } = texts;
  const [, navigate] = useLocation();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [sending, setSending] = useState(false);
  // One key per filling-in: a resent form is the same import, taken once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  useDocumentTitle(t.importTitle);

  const loaded = useLoad(
    () => Promise.all([get<RJSFSchema>('/forms/partnership-import'), get<{ organisations: Organisation[] }>('/organisations?limit=100').then((o) => o.organisations)]),
    'import',
  );
  const form = useMemo(() => (loaded.data ? nestedForm(loaded.data[0], { texts, organisations: loaded.data[1], omit: new Set(['kind']) }) : null), [loaded.data, texts]);
  const extraErrors = useMemo(() => errorsAtNestedFields(problem, texts), [problem, texts]);

  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!form) return <Loading />;


  const submit = async (data: Record<string, unknown>) => {
    setSending(true);
    setProblem(null);
    try {
      const answer = await call<{ id?: string }>('POST', '/partnership-imports', { body: filledInDeep(data, form.schema), idempotencyKey });
      // 201 answers the partnership; 202 the step still being recorded, whose URL names the partnership.
      const id = answer.body.id ?? answer.location?.match(/partnerships\/([^/]+)/)?.[1];
      navigate(id ? `/partnerskap/${id}` : '/partnerskap');
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
      setSending(false);
    }
  };

  return (
    <>
      <PageHeading>{t.importTitle}</PageHeading>
      <p>{t.importIntro}</p>
      <ProblemSummary problem={problem} fieldIds={(name) => `root_${name.replaceAll('.', '_')}`} />
      <Form
        schema={form.schema}
        uiSchema={form.uiSchema}
        validator={optionMatcher}
        formData={formData}
        onChange={(event) => setFormData(event.formData as Record<string, unknown>)}
        onSubmit={(event) => void submit(event.formData as Record<string, unknown>)}
        extraErrors={extraErrors}
        translateString={rendererTexts(texts)}
        showErrorList={false}
        noHtml5Validate
      >
        <div className="buttons">
          <button type="submit" disabled={sending}>
            {sending ? t.sending : t.importSend}
          </button>
        </div>
      </Form>
    </>
  );
}
