// For administrators: who has machine access (API keys) and which systems are told of events
// (webhook subscriptions, with every delivery logged).
import { PageHeading, useDocumentTitle, useLoad } from '../components';
import { get } from '../api';
import { useTexts } from '../i18n';
import type { Organisation } from '../types';
import { ApiKeys } from './administration/ApiKeys';
import { Webhooks } from './administration/Webhooks';

export default function Administration() {
  const { t } = useTexts();
  useDocumentTitle(t.administrationTitle);
  const organisations = useLoad(() => get<{ organisations: Organisation[] }>('/organisations?limit=100').then((o) => o.organisations), 'organisations');
  return (
    <>
      <PageHeading>{t.administrationTitle}</PageHeading>
      <ApiKeys organisations={organisations.data ?? []} />
      <Webhooks organisations={organisations.data ?? []} />
    </>
  );
}
