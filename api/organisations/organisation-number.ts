// Swedish organisation numbers (organisationsnummer), docs/domain.md section 8.

export type OrganisationGroup = 'PUBLIC_BODY' | 'NON_PROFIT' | 'ECONOMIC_ASSOCIATION' | 'LIMITED_COMPANY' | 'OTHER';

export type ParsedOrganisationNumber =
  | { ok: true; normalised: string; group: OrganisationGroup }
  | { ok: false; problem: string };

/** Luhn over the first nine digits gives the tenth. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const groups: Record<string, OrganisationGroup> = {
  '2': 'PUBLIC_BODY', // the state, regions, municipalities, parishes
  '8': 'NON_PROFIT', // ideella föreningar, stiftelser
  '7': 'ECONOMIC_ASSOCIATION',
  '5': 'LIMITED_COMPANY',
};

/**
 * Accepts `NNNNNN-NNNN`, `NNNNNNNNNN`, or the 12-digit form with the prefix 16, and returns the
 * 10-digit form with a hyphen. The group is a hint about the kind of party, not proof of it.
 */
export function parseOrganisationNumber(input: string): ParsedOrganisationNumber {
  let digits = input.trim().replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, problem: 'must contain only digits and a hyphen' };
  if (digits.length === 12) {
    if (!digits.startsWith('16')) return { ok: false, problem: 'a 12-digit organisation number starts with 16' };
    digits = digits.slice(2);
  }
  if (digits.length !== 10) return { ok: false, problem: 'must have 10 digits (NNNNNN-NNNN)' };
  if (Number(digits.slice(2, 4)) < 20) return { ok: false, problem: 'the third and fourth digits must be 20 or more' };
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { ok: false, problem: 'the check digit does not match' };
  return { ok: true, normalised: `${digits.slice(0, 6)}-${digits.slice(6)}`, group: groups[digits[0]!] ?? 'OTHER' };
}
