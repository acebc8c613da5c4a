// One partnership as the register publishes it, at its stable address. A withheld field keeps its
// heading and says on which ground of OSL it is withheld: a reader sees that something is kept,
// and why, rather than a gap.
import type { ReactNode } from 'react';
import type { WithholdableField } from '../../../domain/publication';
import type { RegisterEntry } from '../../../domain/register-entry';
import { agreementHeadings, type AgreementHeading } from '../../../domain/state';
import { formatDay, formatKronor } from './register-format';
import { pageHref, RegisterLayout } from './register-layout';
import { areaName, textsIn, type Language, type RegisterTexts } from './register-texts';

function Withheld(props: { ground: string; texts: RegisterTexts }) {
  return <p className="withheld">{props.texts.withheld(props.ground)}</p>;
}

function Section(props: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {props.children}
    </section>
  );
}

/** The agreement's sections in the order of the template, then any others it has. */
function orderedSections(sections: Record<string, string>): [string, string][] {
  const known = agreementHeadings.filter((heading) => sections[heading] !== undefined).map((heading): [string, string] => [heading, sections[heading]!]);
  const others = Object.entries(sections).filter(([heading]) => !(agreementHeadings as readonly string[]).includes(heading));
  return [...known, ...others];
}

export function RegisterPartnershipPage(props: { language: Language; entry: RegisterEntry }) {
  const { language, entry } = props;
  const texts = textsIn(language);
  const day = (value: string | null) => (value ? formatDay(value, language) : '');
  const kronor = (value: number) => formatKronor(value, language);
  const ground = (field: WithholdableField) => entry.withheld.find((w) => w.field === field)?.ground;
  const partyName = new Map(entry.parties.map((party) => [party.partyId, party.name]));
  const nameOf = (partyId: string) => partyName.get(partyId) ?? partyId;
  const withheldOr = (field: WithholdableField, shown: () => ReactNode) => {
    const withheldOn = ground(field);
    return withheldOn !== undefined ? <Withheld ground={withheldOn} texts={texts} /> : shown();
  };
  const contributions = entry.contributions ?? [];
  const valued = (kind: 'money' | 'inKind') => contributions.filter((c) => (c.kind === 'MONEY') === (kind === 'money')).reduce((sum, c) => sum + (c.valueSek ?? 0), 0);

  return (
    <RegisterLayout language={language} title={entry.title} section={null} rest={`/partnerships/${entry.id}`}>
      <p className="breadcrumb">
        <a href={pageHref(language)}>{texts.backToList}</a>
      </p>
      <h1>{entry.title}</h1>
      <dl className="facts entry-facts">
        <div>
          <dt>{texts.area}</dt>
          <dd>{areaName(entry.area, language)}</dd>
        </div>
        <div>
          <dt>{texts.phase}</dt>
          <dd>{texts.phases[entry.phase]}</dd>
        </div>
        <div>
          <dt>{texts.currentTerm}</dt>
          <dd>{entry.term}</dd>
        </div>
        <div>
          <dt>{texts.startYear}</dt>
          <dd>{entry.startYear}</dd>
        </div>
        {entry.termEndDate ? (
          <div>
            <dt>{texts.termEnds}</dt>
            <dd>{day(entry.termEndDate)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{texts.caseNumber}</dt>
          <dd>{withheldOr('caseNumber', () => entry.caseNumber ?? texts.notGiven)}</dd>
        </div>
        <div>
          <dt>{texts.lastChanged}</dt>
          <dd>{day(entry.updatedAt)}</dd>
        </div>
      </dl>
      {entry.publishedEarly ? <p className="notice">{texts.publishedEarly}.</p> : null}

      <Section id="challenge" heading={texts.challenge}>
        {withheldOr('challenge', () => <p className="text">{entry.challenge ?? texts.notGiven}</p>)}
      </Section>

      <Section id="parties" heading={texts.parties}>
        <table>
          <caption>{texts.partiesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{texts.partyName}</th>
              <th scope="col">{texts.organisationNumber}</th>
              <th scope="col">{texts.partyKind}</th>
              <th scope="col">{texts.partyLeft}</th>
            </tr>
          </thead>
          <tbody>
            {entry.parties.map((party) => (
              <tr key={party.partyId}>
                <th scope="row">{party.name}</th>
                <td className="nowrap">{party.organisationNumber}</td>
                <td>{texts.partyKinds[party.kind] ?? party.kind}</td>
                <td>{day(party.leftOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section id="terms" heading={texts.terms}>
        {entry.terms.length === 0 ? (
          <p>{texts.noTerms}</p>
        ) : (
          <table>
            <caption>{texts.termsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{texts.termNumber}</th>
                <th scope="col">{texts.termStart}</th>
                <th scope="col">{texts.termEnd}</th>
              </tr>
            </thead>
            <tbody>
              {entry.terms.map((term) => (
                <tr key={term.term}>
                  <th scope="row">{term.term}</th>
                  <td>{day(term.startDate)}</td>
                  <td>{day(term.endDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="contributions" heading={texts.contributions}>
        {withheldOr('contributions', () =>
          contributions.length === 0 ? (
            <p>{texts.noContributions}</p>
          ) : (
            <table>
              <caption>{texts.contributionsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{texts.contributionParty}</th>
                  <th scope="col">{texts.contributionMoneyOrKind}</th>
                  <th scope="col">{texts.contributionKind}</th>
                  <th scope="col">{texts.contributionDescription}</th>
                  <th scope="col" className="number">
                    {texts.contributionValue}
                  </th>
                </tr>
              </thead>
              <tbody>
                {contributions.map((contribution) => (
                  <tr key={contribution.contributionId}>
                    <th scope="row">{nameOf(contribution.partyId)}</th>
                    <td>{contribution.kind === 'MONEY' ? texts.money : texts.inKind}</td>
                    <td>{texts.contributionKinds[contribution.kind]}</td>
                    <td className="text">{contribution.description}</td>
                    <td className="number">{contribution.valueSek === null ? texts.notValued : kronor(contribution.valueSek)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    {texts.contributionsTotal}: {texts.money.toLowerCase()} {kronor(valued('money'))}, {texts.inKind.toLowerCase()} {kronor(valued('inKind'))}
                  </th>
                  <td className="number">{kronor(valued('money') + valued('inKind'))}</td>
                </tr>
              </tfoot>
            </table>
          ),
        )}
      </Section>

      <Section id="decisions" heading={texts.decisions}>
        {withheldOr('decisions', () =>
          (entry.decisions ?? []).length === 0 ? (
            <p>{texts.noDecisions}</p>
          ) : (
            <table>
              <caption>{texts.decisionsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{texts.contributionParty}</th>
                  <th scope="col">{texts.decisionBody}</th>
                  <th scope="col">{texts.decisionDate}</th>
                  <th scope="col">{texts.decisionParagraph}</th>
                  <th scope="col">{texts.decisionOutcome}</th>
                  <th scope="col">{texts.decisionFinal}</th>
                </tr>
              </thead>
              <tbody>
                {(entry.decisions ?? []).map((decision) => (
                  <tr key={`${decision.partyId}-${decision.term}`}>
                    <th scope="row">{nameOf(decision.partyId)}</th>
                    <td>{decision.decidingBody}</td>
                    <td>{day(decision.meetingDate)}</td>
                    <td>{decision.paragraph ?? ''}</td>
                    <td>{decision.outcome === 'YES' ? texts.yes : texts.no}</td>
                    <td>{decision.finalFrom ? day(decision.finalFrom) : texts.notYetFinal}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ),
        )}
      </Section>

      <Section id="agreement" heading={texts.agreement}>
        {withheldOr('agreement', () =>
          entry.agreement ? (
            <>
              <p>{texts.agreementVersion(entry.agreement.version)}</p>
              {orderedSections(entry.agreement.sections).map(([heading, text]) => (
                <section key={heading} className="agreement-section">
                  <h3>{texts.agreementHeadings[heading as AgreementHeading] ?? heading}</h3>
                  <p className="text">{text}</p>
                </section>
              ))}
            </>
          ) : (
            <p>{texts.noAgreement}</p>
          ),
        )}
      </Section>

      <Section id="evaluations" heading={texts.evaluations}>
        {withheldOr('evaluations', () =>
          (entry.evaluations ?? []).length === 0 ? (
            <p>{texts.noEvaluations}</p>
          ) : (
            (entry.evaluations ?? []).map((evaluation) => (
              <section key={evaluation.evaluationId} className="evaluation">
                <h3>{texts.evaluationHeading(evaluation.term, evaluation.recordedOn ? day(evaluation.recordedOn) : null)}</h3>
                <dl>
                  {evaluation.conclusions.map((conclusion) => (
                    <div key={conclusion.learningGoalId}>
                      <dt>{conclusion.goal ?? texts.learningGoal}</dt>
                      <dd className="text">{conclusion.assessment}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))
          ),
        )}
      </Section>

      <p className="data-link">
        <a href={`/register/data/partnerships/${entry.id}`} type="application/json">
          {texts.entryAsJson}
        </a>
      </p>
    </RegisterLayout>
  );
}
