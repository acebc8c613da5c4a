import { publicContractCriteria, type PartnershipState } from './state';

/** LOU: a public contract exists only if all six criteria hold. */
export function isPublicContract(state: PartnershipState): boolean {
  const answer = state.legalReviews.at(-1)?.answers.find((a) => a.item === 'PUBLIC_CONTRACT');
  return !!answer?.publicContractCriteria && publicContractCriteria.every((c) => answer.publicContractCriteria![c]);
}
