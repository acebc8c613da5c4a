// The register's pages' one stylesheet, served from /register/assets/register.css by the register's
// own router. It is a module rather than a file beside the code so that tsx, jest and the compiled
// build (dist/) all load it the same way, with no copy step. The CSP allows only this stylesheet:
// no inline style, in the HTML or in its SVG.
//
// Colours hold WCAG 2.1 AA contrast on their backgrounds (text ≥ 4.5:1, the focus ring ≥ 3:1).
export const registerStylesheet = `
:root {
  --ink: #1b1b1f;
  --muted: #4a4a55;
  --paper: #ffffff;
  --wash: #f3f4f7;
  --line: #c9ccd6;
  --brand: #0b4f8a;
  --brand-dark: #083a66;
  --focus: #d4351c;
  --bar: #0b4f8a;
  --notice: #fff7d6;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.5;
  color: var(--ink);
  background: var(--paper);
}
* { box-sizing: border-box; }
body { margin: 0; font-size: 1.0625rem; }
.wrap { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
a { color: var(--brand); text-underline-offset: 0.15em; }
a:hover { color: var(--brand-dark); text-decoration-thickness: 2px; }
:focus-visible, a:focus-visible, button:focus-visible, select:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
main:focus { outline: none; }
.skip-link {
  position: absolute; left: 1rem; top: -10rem;
  background: var(--paper); color: var(--brand); padding: 0.5rem 1rem; z-index: 10;
}
.skip-link:focus { top: 0.5rem; }

.site-header { background: var(--brand); color: #ffffff; padding: 0.75rem 0 0; }
.site-header a { color: #ffffff; }
.site-header :focus-visible { outline-color: #ffdd00; }
.header-row { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem 1rem; }
.site-name { margin: 0; font-size: 1.375rem; font-weight: 700; }
.site-name a { text-decoration: none; }
.site-tagline { display: block; font-size: 0.95rem; font-weight: 400; }
.language-switch { font-weight: 600; }
.site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0 1.5rem; margin: 0.5rem auto 0; padding: 0; }
.site-nav a { display: inline-block; padding: 0.5rem 0 0.6rem; text-decoration: none; border-bottom: 4px solid transparent; }
.site-nav a:hover, .site-nav a[aria-current="page"] { border-bottom-color: #ffffff; }

main { padding-top: 1.5rem; padding-bottom: 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.2rem; margin: 1.25rem 0 0.5rem; overflow-wrap: anywhere; }
.lead { font-size: 1.15rem; max-width: 45rem; }
.text { white-space: pre-line; overflow-wrap: anywhere; max-width: 45rem; }

.filters { background: var(--wash); border: 1px solid var(--line); padding: 0 1.25rem 1.25rem; border-radius: 4px; }
.filter-fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; }
.field label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
select, button { font: inherit; }
select { width: 100%; padding: 0.4rem; border: 2px solid var(--muted); border-radius: 3px; background: var(--paper); color: var(--ink); }
.form-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; margin-top: 1rem; }
button { background: var(--brand); color: #ffffff; border: 2px solid var(--brand); border-radius: 3px; padding: 0.5rem 1.25rem; font-weight: 600; cursor: pointer; }
button:hover { background: var(--brand-dark); }

.results-count { font-weight: 600; }
.results { list-style: none; padding: 0; margin: 0; }
.results li { border-top: 1px solid var(--line); padding: 0.5rem 0 1rem; }
.results h3 { margin-top: 0.5rem; }
.facts { display: flex; flex-wrap: wrap; gap: 0.25rem 2rem; margin: 0; }
.facts div { min-width: 8rem; }
.facts dt { font-size: 0.9rem; color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.entry-facts { background: var(--wash); border: 1px solid var(--line); padding: 1rem 1.25rem; border-radius: 4px; }
.pagination { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: center; margin-top: 1.5rem; }
.breadcrumb { margin: 0; }
.notice { background: var(--notice); border-left: 6px solid #8a6d00; padding: 0.75rem 1rem; }
.withheld { border-left: 6px solid var(--muted); background: var(--wash); padding: 0.75rem 1rem; font-style: italic; }

table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.75rem 0.4rem 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid var(--ink); }
.number { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.evaluation dt { font-weight: 600; }
.evaluation dd { margin: 0 0 0.75rem; }

.chart { margin-bottom: 2rem; }
.bar-chart { display: block; max-width: 40rem; margin: 0.5rem 0 1rem; }
.bar-chart .bar { fill: var(--bar); }
.bar-chart text { fill: var(--ink); font-size: 14px; }
.figures { max-width: 40rem; }

.site-footer { border-top: 1px solid var(--line); background: var(--wash); padding: 1rem 0; font-size: 0.95rem; }

@media (forced-colors: active) {
  .bar-chart .bar { fill: CanvasText; }
  .bar-chart text { fill: CanvasText; }
}
`;
