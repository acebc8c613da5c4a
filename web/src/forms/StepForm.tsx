// One step as a form, made from the step's published JSON Schema (GET /api/v1/forms/{step}, the
// same zod declaration the API validates with): Swedish labels and help, choosers for parties,
// organisations, versions and disputes instead of ids, If-Match on the revision read, and every
// answer (refused, stale, accepted) said in words.
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { useEffect, useMemo, useState } from 'react';
import { ApiProblem, call, get } from '../api';
import { Loading } from '../components';
import { useTexts } from '../i18n';
import { fieldDetail, ProblemSummary } from '../problems';
import type { NextStep, Organisation, Partnership, PartyWithOrganisation } from '../types';
import { orNothing } from './nested-schema';
import { optionMatcher } from './option-matcher';
import { rendererTexts } from './renderer-texts';

export interface Choices {
  parties: PartyWithOrganisation[];
  /** The parties this person may act for: all for staff, its own for a representative. */
  ownPartyIds: Set<string> | null;
}

interface ContactChoice {
  id: string;
  name: string;
  organisationName: string;
}

/** onDone: the case as the step left it; or, answered 202, where its outcome will be read. */
type Props = { partnership: Partnership; step: NextStep; choices: Choices; onDone: (updated: Partnership | null, outcomeAt?: string | null) => void; onCancel: () => void };

const partyFields = new Set(['partyId', 'raisedByPartyId']);
const partyListFields = new Set(['participantPartyIds', 'consentingPartyIds']);
// Fields whose values are phases, named as the stepper names them.
const phaseFields = new Set(['phase', 'backTo']);

export default function StepForm({ partnership, step, choices, onDone, onCancel }: Props) {
  const texts = useTexts();
  const { t, step: stepName } = texts;
  const [published, setPublished] = useState<RJSFSchema | null>(null);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [stale, setStale] = useState<{ now: number; changes: string[] } | null>(null);
  const [sending, setSending] = useState(false);
  // One key per filling-in: a resent form is the same request, taken once (Idempotency-Key).
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  // The organisations to choose a new party among are read only for the step that needs them.
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  // The contact persons to name, of the parties' organisations, only for the step that names them.
  const [contacts, setContacts] = useState<ContactChoice[]>([]);
  useEffect(() => {
    const contactsOf = (party: PartyWithOrganisation) =>
      get<{ contacts: { id: string; name: string }[] }>(`/organisations/${party.organisationId}/contacts`).then((c) => c.contacts.map((contact) => ({ ...contact, organisationName: party.organisationName ?? party.organisationId }))).catch(() => []);
    void Promise.all([
      get<RJSFSchema>(`/forms/${step.action}`),
      step.type === 'addParty' ? get<{ organisations: Organisation[] }>('/organisations?limit=100').then((o) => o.organisations) : [],
      step.type === 'assignContacts' ? Promise.all(choices.parties.filter((p) => !p.leftOn && (!choices.ownPartyIds || choices.ownPartyIds.has(p.partyId))).map(contactsOf)).then((all) => all.flat()) : [],
    ]).then(([schema, found, named]) => {
      setOrganisations(found);
      setContacts(named);
      setPublished(schema);
    });
  }, [step.action, step.type, choices]);

  const { schema, uiSchema, nullWhenEmpty } = useMemo(
    () => (published ? formFor(published, partnership, step, { ...choices, organisations, contacts }, texts) : { schema: null, uiSchema: {}, nullWhenEmpty: [] }),
    [published, partnership, step, choices, organisations, contacts, texts],
  );
  const extraErrors = useMemo(() => errorsAtFields(problem, schema, texts), [problem, schema, texts]);

  if (!schema) return <Loading />;

  const submit = async (data: Record<string, unknown>) => {
    setSending(true);
    setProblem(null);
    try {
      const answer = await call<Partnership>('POST', `/partnerships/${partnership.id}/actions/${step.action}`, { body: { ...Object.fromEntries(nullWhenEmpty.map((name) => [name, null])), ...filledIn(data) }, ifMatch: `"r${partnership.revision}"`, idempotencyKey });
      onDone(answer.status === 200 ? answer.body : null, answer.status === 202 ? answer.location : null);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.status === 412) setStale(await changesSince(partnership, texts));
      else setProblem(error);
    } finally {
      setSending(false);
    }
  };

  const heading = stepName(step.type);
  return (
    <section className="step-form" aria-labelledby="step-form-heading">
      <h2 id="step-form-heading">{heading}</h2>
      {stale ? (
        <div className="notice error" role="alert">
          <h3>{t.staleTitle}</h3>
          <p>{t.staleBody(partnership.revision, stale.now)}</p>
          <ul>
            {stale.changes.map((change, i) => (
              <li key={i}>{change}</li>
            ))}
          </ul>
          <button type="button" onClick={() => onDone(null)}>
            {t.reloadAndRetry}
          </button>
        </div>
      ) : (
        <>
          <ProblemSummary problem={problem} fieldIds={(name) => `root_${name.replaceAll('.', '_')}`} />
          <Form
            schema={schema}
            uiSchema={uiSchema}
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
                {sending ? t.sending : t.send}
              </button>
              <button type="button" onClick={onCancel}>
                {t.cancel}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

/** The step's object schema, with choosers in place of ids, and its labels in the person's language. */
function formFor(
  published: RJSFSchema,
  partnership: Partnership,
  step: NextStep,
  choices: Choices & { organisations: Organisation[]; contacts: ContactChoice[] },
  texts: ReturnType<typeof useTexts>,
): { schema: RJSFSchema; uiSchema: UiSchema; nullWhenEmpty: string[] } {
  const root = (published.$ref ? published.$defs?.[published.$ref.replace('#/$defs/', '')] : published) as RJSFSchema;
  const properties = { ...(root.properties ?? {}) } as Record<string, RJSFSchema>;
  const partyName = (p: PartyWithOrganisation) => p.organisationName ?? p.organisationId;
  const actingFor = choices.parties.filter((p) => !p.leftOn && (!choices.ownPartyIds || choices.ownPartyIds.has(p.partyId)));
  const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  const nullWhenEmpty: string[] = [];

  for (const [name, given] of Object.entries(properties)) {
    const property = orNothing(given);
    // Required, but null is a value: left empty, null is sent ("none of the parties").
    if (property !== given && root.required?.includes(name)) nullWhenEmpty.push(name);
    // A party takes its organisation's registered kind: the API reads it from the register.
    if (step.type === 'addParty' && name === 'kind') {
      delete properties[name];
      continue;
    }
    const [label, help] = texts.field(name);
    const ui: UiSchema = { 'ui:title': label, ...(help ? { 'ui:description': help } : {}) };
    // The schema's own description is English: shown only when the person reads English.
    const { format: _format, pattern: _pattern, anyOf: _anyOf, description, ...plain } = property;
    const described = texts.language === 'en' && description ? { description } : {};
    const chooser = (items: { value: string | number; title: string }[], type: 'string' | 'integer' = 'string'): RJSFSchema => {
      ui['ui:enumNames'] = items.map((i) => i.title);
      ui['ui:placeholder'] = texts.t.choose;
      return { ...(plain as RJSFSchema), ...described, type, enum: items.map((i) => i.value) };
    };
    if (partyFields.has(name)) {
      properties[name] = chooser(actingFor.map((p) => ({ value: p.partyId, title: partyName(p) })));
    } else if (partyListFields.has(name)) {
      const parties = choices.parties.filter((p) => !p.leftOn);
      properties[name] = { ...property, description: undefined, ...described, uniqueItems: true, items: { type: 'string', enum: parties.map((p) => p.partyId) } } as RJSFSchema;
      ui['ui:widget'] = 'checkboxes';
      ui.items = { 'ui:enumNames': parties.map(partyName) };
      ui['ui:enumNames'] = parties.map(partyName);
    } else if (name === 'contactIds') {
      properties[name] = { ...property, description: undefined, ...described, uniqueItems: true, items: { type: 'string', enum: choices.contacts.map((c) => c.id) } } as RJSFSchema;
      ui['ui:widget'] = 'checkboxes';
      ui['ui:enumNames'] = choices.contacts.map((c) => `${c.name} (${c.organisationName})`);
    } else if (name === 'organisationId') {
      const taken = new Set(partnership.parties.filter((p) => !p.leftOn).map((p) => p.organisationId));
      properties[name] = chooser(choices.organisations.filter((o) => !taken.has(o.id)).map((o) => ({ value: o.id, title: `${o.name} (${o.organisationNumber})` })));
    } else if (name === 'agreementVersion') {
      properties[name] = chooser(
        partnership.agreementVersions.map((v) => ({ value: v.version, title: `${texts.t.version} ${v.version}` })),
        'integer',
      );
      const decidedOn = partnership.phase === 'DECISION' ? partnership.submittedVersion : partnership.versionInForce;
      if (decidedOn) properties[name] = { ...properties[name], default: decidedOn };
    } else if (name === 'disputeId') {
      properties[name] = chooser(partnership.disputes.filter((d) => !d.outcome).map((d) => ({ value: d.disputeId, title: `${d.raisedOn}: ${d.description.slice(0, 60)}` })));
    } else {
      properties[name] = { ...property, description: undefined, ...described } as RJSFSchema;
      if (property.enum) ui['ui:enumNames'] = property.enum.map((v) => (phaseFields.has(name) ? texts.phase(String(v)) : texts.value(String(v))));
      if (property.type === 'string' && (property.maxLength ?? 0) > 300) ui['ui:widget'] = 'textarea';
    }
    // A group's own fields (the LOU criteria, a surplus) take their labels too.
    const group = properties[name] as RJSFSchema;
    for (const child of Object.keys((group.type === 'object' && group.properties) || {})) ui[child] = { 'ui:title': texts.field(child)[0] };
    uiSchema[name] = ui;
  }
  const required = (root.required ?? []).filter((name) => !nullWhenEmpty.includes(name) && name in properties);
  return { schema: { ...root, $defs: published.$defs, properties, required, title: '' } as RJSFSchema, uiSchema, nullWhenEmpty };
}

/** What is sent: fields left empty are left out, an optional group with nothing filled in too. */
function filledIn(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).filter(([, value]) => {
      if (value === undefined || value === '') return false;
      if (value && typeof value === 'object' && !Array.isArray(value)) return Object.values(value).some((v) => v !== undefined && v !== '');
      return true;
    }),
  );
}

/** The API's field errors (400) at their fields; a refusal (409) at the field its message names. */
function errorsAtFields(problem: ApiProblem | null, schema: RJSFSchema | null, texts: ReturnType<typeof useTexts>): ErrorSchema | undefined {
  if (!problem || !schema) return undefined;
  const errors: Record<string, { __errors: string[] }> = {};
  for (const error of problem.problem.errors ?? []) {
    const top = error.field.split('.')[0]!;
    (errors[top] ??= { __errors: [] }).__errors.push(fieldDetail(error.detail, texts.language));
  }
  if (problem.status === 409 && problem.problem.detail) {
    const named = Object.keys(schema.properties ?? {}).find((name) => problem.problem.detail!.startsWith(`${name} `));
    if (named) (errors[named] ??= { __errors: [] }).__errors.push(problem.problem.reason ? texts.refusal(problem.problem.reason) : problem.problem.detail);
  }
  return errors as ErrorSchema;
}

/** What changed since the revision the form was opened on: the audit trail's entries after it. */
async function changesSince(partnership: Partnership, texts: ReturnType<typeof useTexts>): Promise<{ now: number; changes: string[] }> {
  const current = await get<Partnership>(`/partnerships/${partnership.id}`);
  const audit = await get<{ events: { revision: number | null; action: string; occurredAt: string; phaseAfter: string | null }[] }>(`/partnerships/${partnership.id}/audit-events?limit=200`).catch(() => ({ events: [] }));
  const changes = audit.events.filter((e) => e.revision !== null && e.revision > partnership.revision).map((e) => `${texts.t.revision} ${e.revision}: ${texts.step(e.action.replace(/^partnership\./, ''))}`);
  return { now: current.revision, changes: changes.length ? changes : [`${texts.t.revision} ${current.revision}`] };
}
