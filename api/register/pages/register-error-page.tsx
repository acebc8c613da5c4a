// The register's pages answer a wrong address or filter with a page in the reader's language, not
// with the open data's JSON problem: the reader came with a browser.
import { pageHref, RegisterLayout } from './register-layout';
import { textsIn, type Language } from './register-texts';

export type PageError = { status: 404 } | { status: 400; fields: { field: string; detail: string }[] } | { status: 405 } | { status: 429 } | { status: 500 };

export function RegisterErrorPage(props: { language: Language; error: PageError; rest: string }) {
  const { language, error } = props;
  const texts = textsIn(language);
  const title = { 400: texts.badRequestTitle, 404: texts.notFoundTitle, 405: texts.readOnlyTitle, 429: texts.tooManyTitle, 500: texts.serverErrorTitle }[error.status];
  return (
    <RegisterLayout language={language} title={title} section={null} rest={props.rest}>
      <h1>{title}</h1>
      {error.status === 404 ? <p>{texts.notFoundText}</p> : null}
      {error.status === 405 ? <p>{texts.readOnlyText}</p> : null}
      {error.status === 429 ? <p>{texts.tooManyText}</p> : null}
      {error.status === 500 ? <p>{texts.serverErrorText}</p> : null}
      {error.status === 400 ? (
        <>
          <p>{texts.badRequestText}</p>
          <ul className="errors">
            {error.fields.map((field) => (
              <li key={field.field}>
                {texts.fieldNames[field.field] ? (
                  <>
                    <strong>{texts.fieldNames[field.field]}</strong> (<code>{field.field}</code>)
                  </>
                ) : (
                  <code>{field.field}</code>
                )}
                : {field.detail}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={pageHref(language)}>{texts.toFirstPage}</a>
      </p>
    </RegisterLayout>
  );
}
