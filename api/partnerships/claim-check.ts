// The claim check: a step's long texts are stored first, and the workflow gets their references
// (sha256:…), so that no text goes into a workflow's history.
import { documentsIn, mapDocuments } from '../../domain/documents';
import { stepDocuments, type StepPayload, type StepType } from '../../domain/steps';
import type { Database } from '../../platform/database';
import { storeDocuments } from '../../records/document-store';

/** The texts a step's payload carries in its document fields. */
export const textsOf = <T extends StepType>(type: T, payload: StepPayload<T>) => documentsIn(payload, stepDocuments[type]);

/** The payload with each text replaced by its stored reference. */
export async function claimChecked<T extends StepType>(db: Database, type: T, payload: StepPayload<T>): Promise<StepPayload<T>> {
  const refs = await storeDocuments(db, textsOf(type, payload));
  return mapDocuments(payload, stepDocuments[type], (text) => refs.get(text)!);
}
