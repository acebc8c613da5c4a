// Sweden's counties (län) by their code at SCB (länskod). A municipality's code (kommunkod) begins
// with its county's, and a region's code is its county's: the register counts partnerships by county.

export const counties = {
  '01': 'Stockholms län',
  '03': 'Uppsala län',
  '04': 'Södermanlands län',
  '05': 'Östergötlands län',
  '06': 'Jönköpings län',
  '07': 'Kronobergs län',
  '08': 'Kalmar län',
  '09': 'Gotlands län',
  '10': 'Blekinge län',
  '12': 'Skåne län',
  '13': 'Hallands län',
  '14': 'Västra Götalands län',
  '17': 'Värmlands län',
  '18': 'Örebro län',
  '19': 'Västmanlands län',
  '20': 'Dalarnas län',
  '21': 'Gävleborgs län',
  '22': 'Västernorrlands län',
  '23': 'Jämtlands län',
  '24': 'Västerbottens län',
  '25': 'Norrbottens län',
} as const;

export type CountyCode = keyof typeof counties;

/** A municipality's (4 digits) or a region's (2 digits) code at SCB, in a county that exists. */
export const municipalityCodePattern = /^(01|03|04|05|06|07|08|09|10|12|13|14|17|18|19|20|21|22|23|24|25)(\d{2})?$/;

/** The county of a municipality's or region's code, or null for a code of none. */
export function countyOf(code: string | null | undefined): CountyCode | null {
  const match = code ? municipalityCodePattern.exec(code) : null;
  return match ? (match[1] as CountyCode) : null;
}
