// The register in figures: partnerships by the year they began, by county and by area of work, and
// what the parties contribute, by the kind of party that gives it.
import { counties, type CountyCode } from '../../../domain/counties';
import type { RegisterStatistics } from '../../../records/register';
import { RegisterBarChart } from './register-bar-chart';
import { formatKronor, formatNumber } from './register-format';
import { RegisterLayout } from './register-layout';
import { areaName, textsIn, type Language } from './register-texts';

export function RegisterStatisticsPage(props: { language: Language; statistics: RegisterStatistics }) {
  const { language, statistics } = props;
  const texts = textsIn(language);
  const count = (value: number) => ({ value, shown: formatNumber(value, language) });
  const kronor = (value: number) => ({ value, shown: formatKronor(value, language) });
  const partyKinds = [...new Set(statistics.contributions.map((c) => c.partyKind))];
  const sumWhere = (keep: (c: RegisterStatistics['contributions'][number]) => boolean) => statistics.contributions.filter(keep).reduce((sum, c) => sum + Number(c.valueSek), 0);
  const common = { valueHeader: texts.count, figuresNote: texts.chartFigures };
  return (
    <RegisterLayout language={language} title={texts.statisticsTitle} section="statistics" rest="/statistics">
      <h1>{texts.statisticsTitle}</h1>
      <p className="lead">{statistics.total === 0 ? texts.noFigures : texts.statisticsIntro(statistics.total)}</p>
      <RegisterBarChart id="by-year" title={texts.byYear} labelHeader={texts.year} {...common} bars={statistics.byYear.map((row) => ({ label: String(row.year), ...count(row.count) }))} />
      <RegisterBarChart
        id="by-county"
        title={texts.byCounty}
        note={texts.byCountyNote}
        labelHeader={texts.county}
        {...common}
        bars={statistics.byCounty.map((row) => ({ label: row.county && row.county in counties ? counties[row.county as CountyCode] : texts.noCounty, ...count(row.count) }))}
      />
      <RegisterBarChart id="by-area" title={texts.byArea} labelHeader={texts.area} {...common} bars={statistics.byArea.map((row) => ({ label: areaName(row.area, language), ...count(row.count) }))} />
      <RegisterBarChart
        id="contributions"
        title={texts.contributionsByParty}
        note={`${texts.contributionsTotalText(formatKronor(sumWhere((c) => c.kind === 'MONEY'), language), formatKronor(sumWhere((c) => c.kind !== 'MONEY'), language))} ${texts.contributionsNote}`}
        labelHeader={texts.partyKind}
        valueHeader={texts.contributionValue}
        figuresNote={texts.chartFigures}
        bars={partyKinds.map((kind) => ({ label: texts.partyKinds[kind] ?? kind, ...kronor(sumWhere((c) => c.partyKind === kind)) }))}
      />
    </RegisterLayout>
  );
}
