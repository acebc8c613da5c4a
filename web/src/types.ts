// What the workspace reads of the API's answers (its OpenAPI document has them whole).
export interface NextStep {
  type: string;
  action: string;
  refusal: { code: string; message: string } | null;
}

export interface Party {
  partyId: string;
  organisationId: string;
  kind: string;
  contactIds: string[];
  joinedOn: string | null;
  leftOn: string | null;
  contributions: { kind: string; description: string; valueSek: number | null }[];
}

export interface Decision {
  partyId: string;
  agreementVersion: number;
  outcome: string;
  decidingBody: string;
  meetingDate: string;
  postingDate: string | null;
  appealWindowEnds: string | null;
  appealed: boolean;
  final: boolean;
}

export interface Partnership {
  id: string;
  title: string;
  caseNumber: string | null;
  coordinator: { name: string; email: string };
  phase: string;
  revision: number;
  term: number;
  challenge: string | null;
  cooperationForm: { chosen: string; rationale: string } | null;
  parties: Party[];
  decisions: Decision[];
  agreementVersions: { version: number; locked: boolean; savedAtRevision: number; headings: string[] }[];
  submittedVersion: number | null;
  versionInForce: number | null;
  legalReviews: { round: number; agreementVersion: number; conclusion: string | null; answers: { item: string; outcome: string }[] }[];
  followUps: { followUpId: string; date: string; summary: string }[];
  deviations: { deviationId: string; raisedOn: string; description: string }[];
  disputes: { disputeId: string; raisedOn: string; description: string; outcome: string | null }[];
  evaluations: { evaluationId: string; recordedOn: string }[];
  terms: { term: number; startDate: string; endDate: string }[];
  waitingOn: { key: string; kind: string; partyId: string | null; waitsOnRole: string | null; dueOn: string | null }[];
  nextSteps: NextStep[];
}

export interface PartyWithOrganisation extends Party {
  organisationName: string | null;
  organisationNumber: string | null;
}

export interface Task {
  id: string;
  partnershipId: string;
  partnershipTitle: string;
  kind: string;
  partyId: string | null;
  waitsOnRole: string | null;
  dueOn: string | null;
  assignee: string | null;
}

export interface Organisation {
  id: string;
  name: string;
  organisationNumber: string;
  kind: string;
}
