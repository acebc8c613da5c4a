// The administration's choosers of an organisation: by name and number, never by id.
import type { Organisation } from '../../types';

export function OrganisationOptions({ organisations, none }: { organisations: Organisation[]; none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {organisations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name} ({o.organisationNumber})
        </option>
      ))}
    </>
  );
}

/** An organisation's name where it is registered, its id otherwise; a dash for none. */
export const organisationName = (organisations: Organisation[], id: string | null) => (id ? (organisations.find((o) => o.id === id)?.name ?? id) : '–');
