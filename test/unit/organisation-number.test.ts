import { parseOrganisationNumber } from '../../api/organisations/organisation-number';

describe('organisation numbers', () => {
  it.each([
    ['212000-1355', '212000-1355', 'PUBLIC_BODY'], // a municipality's form
    ['2120001355', '212000-1355', 'PUBLIC_BODY'],
    ['16212000-1355', '212000-1355', 'PUBLIC_BODY'],
    ['802002-8711', '802002-8711', 'NON_PROFIT'],
    ['556016-0680', '556016-0680', 'LIMITED_COMPANY'],
  ])('when %s is given, then it is accepted as %s in group %s', (input, normalised, group) => {
    expect(parseOrganisationNumber(input)).toEqual({ ok: true, normalised, group });
  });

  it.each([
    ['212000-1356', 'the check digit does not match'],
    ['211900-1355', 'the third and fourth digits must be 20 or more'],
    ['21200-1355', 'must have 10 digits (NNNNNN-NNNN)'],
    ['17212000-1355', 'a 12-digit organisation number starts with 16'],
    ['2120O0-1355', 'must contain only digits and a hyphen'],
  ])('when %s is given, then it is refused: %s', (input, problem) => {
    expect(parseOrganisationNumber(input)).toEqual({ ok: false, problem });
  });
});
