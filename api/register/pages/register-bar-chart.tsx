// A horizontal bar chart drawn on the server as SVG, with its figures in a table beside it: the
// table is what a screen reader, a search engine and a reader who wants the numbers read. The SVG
// is sized and coloured by attributes and the stylesheet, never by style attributes, which the
// register's CSP forbids as inline styles.

export interface Bar {
  label: string;
  value: number;
  /** The value as a reader reads it ("12 500 kr"). */
  shown: string;
}

const width = 640;
const labelHeight = 20;
const barHeight = 18;
const rowHeight = labelHeight + barHeight + 12;
const valueSpace = 150;

export function RegisterBarChart(props: { id: string; title: string; bars: Bar[]; labelHeader: string; valueHeader: string; figuresNote: string; note?: string }) {
  const { id, bars } = props;
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  const height = bars.length * rowHeight;
  return (
    <section className="chart" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{props.title}</h2>
      {props.note ? <p>{props.note}</p> : null}
      {bars.length > 0 ? (
        <svg className="bar-chart" role="img" aria-labelledby={`${id}-svg-title`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
          <title id={`${id}-svg-title`}>{`${props.title}. ${props.figuresNote}`}</title>
          {bars.map((bar, row) => {
            const top = row * rowHeight;
            const length = Math.max(bar.value > 0 ? 2 : 0, Math.round(((width - valueSpace) * bar.value) / largest));
            return (
              <g key={bar.label}>
                <text x={0} y={top + 15} className="bar-label">
                  {bar.label}
                </text>
                <rect x={0} y={top + labelHeight} width={length} height={barHeight} className="bar" />
                <text x={length + 8} y={top + labelHeight + 14} className="bar-value">
                  {bar.shown}
                </text>
              </g>
            );
          })}
        </svg>
      ) : null}
      <table className="figures">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.labelHeader}</th>
            <th scope="col" className="number">
              {props.valueHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td className="number">{bar.shown}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
