import { PageHeading, useDocumentTitle } from '../components';
import { useTexts } from '../i18n';

export function NotFound() {
  const { t } = useTexts();
  useDocumentTitle(t.notFound);
  return <PageHeading>{t.notFound}</PageHeading>;
}
