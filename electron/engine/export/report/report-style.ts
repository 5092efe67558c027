// The report's stylesheet: one inline <style>, system fonts only, A4 print layout with each
// section starting on a new page, colours kept when printing.
export const reportCss = `
:root { --ink: #1d1f23; --muted: #5f6670; --rule: #d9dce1; --accent: #1f5fa8; --bg-soft: #f5f7fa; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); font: 10pt/1.45 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; background: #fff; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 0 16mm; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
p { margin: 0 0 2.5mm; }
.lead { color: var(--muted); font-size: 11pt; margin-bottom: 5mm; }
.caption, .note { color: var(--muted); font-size: 8.5pt; }
.note { margin-top: 2mm; }
.warn { border-left: 3px solid #d98e04; background: #fff7e6; padding: 2mm 3mm; margin: 3mm 0; font-size: 9pt; }
section { padding-top: 2mm; }
section + section { break-before: page; page-break-before: always; }
figure { margin: 3mm 0; break-inside: avoid; }
figcaption { color: var(--muted); font-size: 8.5pt; margin-top: 1.5mm; }
svg.chart { max-width: 100%; height: auto; display: block; font-size: 9px; }
svg.chart .label { font-size: 9.5px; fill: var(--ink); }
svg.chart .tick, svg.chart .edge { font-size: 8.5px; fill: var(--muted); }
svg.chart .value { font-size: 8px; fill: var(--ink); }
svg.chart .cellvalue { font-size: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 2mm 0; }
th, td { padding: 1.2mm 1.6mm; text-align: left; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 600; background: var(--bg-soft); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
table.kv th, table.kv td, table.files th, table.files td { padding-top: 0.6mm; padding-bottom: 0.6mm; }
table.kv th { width: 34mm; background: none; color: var(--muted); font-weight: 500; }
table.files td { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 7pt; word-break: break-all; }
table.grid { font-size: 7.5pt; table-layout: fixed; }
table.grid th, table.grid td { padding: 0.9mm 0.6mm; text-align: center; border: 1px solid #fff; }
table.grid th.model, table.grid td.model { text-align: left; width: 24mm; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
table.grid th.sep, table.grid td.sep { border-left: 2px solid var(--ink); }
table.grid thead th { vertical-align: bottom; height: 24mm; background: none; }
table.grid thead th span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; display: inline-block; }
.key { display: flex; align-items: flex-start; flex-wrap: wrap; gap: 1mm 3mm; font-size: 8pt; color: var(--muted); margin: 1mm 0 4mm; }
.key .ramp-box { position: relative; width: 60mm; height: 7mm; }
.key .ramp { display: block; width: 100%; height: 3mm; border: 1px solid var(--rule); }
.key .ticks i { position: absolute; top: 3.4mm; transform: translateX(-50%); font-style: normal; font-size: 7pt; white-space: nowrap; }
.key .key-note { flex-basis: 100%; font-size: 7.5pt; }
dl.glossary { font-size: 8pt; color: var(--muted); margin: 2mm 0; }
dl.glossary dt { font-weight: 600; color: var(--ink); display: inline; }
dl.glossary dd { display: inline; margin: 0; }
dl.glossary dd::after { content: ''; display: block; margin-bottom: 0.8mm; }
ul.findings { margin: 1mm 0 3mm; padding-left: 5mm; }
.sanity-warning { border: 0.6mm solid #b3261e; background: #fdecea; color: #5f1410; padding: 2mm 3mm; margin: 2mm 0 3mm; border-radius: 1mm; }
.sanity-warning ul { margin: 1mm 0 0; padding-left: 5mm; }
ul.findings li { margin-bottom: 1mm; }
ul.legend { list-style: none; columns: 3; padding: 0; margin: 1mm 0; font-size: 8pt; color: var(--muted); }
ul.legend li { break-inside: avoid; margin-bottom: 0.8mm; }
ul.legend i { display: inline-block; width: 2.6mm; height: 2.6mm; border-radius: 50%; margin-right: 1.2mm; vertical-align: -0.3mm; }
.toc { columns: 4; font-size: 9.5pt; padding-left: 5mm; margin: 2mm 0 4mm; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; align-items: start; }
.tag { display: inline-block; padding: 0 1.5mm; border-radius: 2mm; font-size: 7.5pt; color: #fff; }
.sample { border: 1px solid var(--rule); border-radius: 2mm; padding: 2mm 2.5mm; margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }
.sample header { display: flex; justify-content: space-between; align-items: baseline; gap: 3mm; font-size: 9pt; margin-bottom: 1mm; }
.sample table.preds th { background: none; vertical-align: bottom; }
.sample figure { margin: 0; }
.sample img { width: 13mm; height: 13mm; image-rendering: pixelated; border: 1px solid var(--rule); display: block; }
.sample figcaption { font-size: 7pt; margin-top: 0.5mm; font-weight: 400; }
table.preds { font-size: 7pt; table-layout: fixed; margin-top: 2mm; }
table.preds th, table.preds td { padding: 0.25mm 1mm; border-bottom: 1px solid #eef0f3; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.preds td.ok { color: #0a6b4f; }
table.preds td.bad { color: #b3160d; font-weight: 600; }
table.preds tr.dense td { background: var(--bg-soft); }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4mm; }
.card.wide { grid-column: 1 / -1; }
.card table.layers td:first-child { min-width: 16mm; overflow-wrap: anywhere; }
.card table.layers .bar { width: 10mm; }
.card { border: 1px solid var(--rule); border-radius: 2mm; padding: 2.5mm 3mm; break-inside: avoid; page-break-inside: avoid; font-size: 8.5pt; }
.card h3 { margin: 0 0 1mm; font-size: 10.5pt; }
.card .method { color: var(--muted); margin-bottom: 1.5mm; }
.card table { font-size: 7.5pt; margin: 1mm 0; }
.card table td, .card table th, .card table.kv td, .card table.kv th { padding: 0.35mm 1mm; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.bar { position: relative; height: 2.6mm; width: 22mm; background: #eef0f3; border-radius: 1mm; overflow: hidden; display: inline-block; vertical-align: middle; }
.bar i { position: absolute; left: 0; top: 0; bottom: 0; background: var(--accent); }
footer.page-foot { margin-top: 8mm; color: var(--muted); font-size: 8pt; border-top: 1px solid var(--rule); padding-top: 2mm; }
@page { size: A4; margin: 12mm 10mm 14mm; }
@media print { main { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
@media screen { body { background: #eceef1; } main { max-width: 214mm; background: #fff; padding: 14mm 12mm; margin: 8mm auto; box-shadow: 0 1px 6px rgba(0,0,0,.15); } }
`;
