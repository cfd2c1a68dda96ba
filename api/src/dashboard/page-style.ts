/** The dashboard's own styles (uPlot's come from its bundled CSS). */
export const PAGE_STYLE = String.raw`
:root{--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--card:#fff;--accent:#2563eb;--bad:#dc2626;--ok:#16a34a;--warn:#d97706}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;gap:1rem;align-items:center;padding:.6rem 1.2rem;background:#0f172a;color:#fff}
header h1{font-size:1.05rem;margin:0;font-weight:600;letter-spacing:.02em}header h1 b{color:#93c5fd}
header .key{margin-left:auto;display:flex;gap:.4rem;align-items:center}header input{width:14rem}
header small{color:#cbd5e1}#live{display:inline-block;width:.55rem;height:.55rem;border-radius:50%;background:#475569;margin-right:.35rem}
#live.on{background:#22c55e;box-shadow:0 0 0 3px rgba(34,197,94,.25)}
input,select,button{font:inherit;padding:.25rem .45rem;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--fg)}
button{cursor:pointer;background:var(--accent);color:#fff;border-color:var(--accent)}button.ghost{background:#fff;color:var(--accent)}
main{display:grid;grid-template-columns:minmax(30rem,44rem) 1fr;gap:1rem;padding:1rem 1.2rem;align-items:start}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.8rem 1rem;margin-bottom:1rem;box-shadow:0 1px 2px rgba(15,23,42,.04)}
.card h2{font-size:.95rem;margin:0 0 .6rem;display:flex;gap:.6rem;align-items:center}.card h2 .tools{margin-left:auto;display:flex;gap:.4rem;font-weight:400}
table{width:100%;border-collapse:collapse;font-size:13px}th{text-align:left;color:var(--muted);font-weight:500;border-bottom:1px solid var(--line);padding:.3rem .35rem}
td{border-bottom:1px solid #f1f5f9;padding:.3rem .35rem;vertical-align:middle}tr.sel td{background:#eff6ff}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td .id{display:block;color:var(--muted);font-size:10.5px;font-family:ui-monospace,monospace;max-width:15rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-size:11.5px;background:#f1f5f9;color:#334155;white-space:nowrap}
.s-running{background:#dbeafe;color:#1d4ed8}.s-queued,.s-pending{background:#f1f5f9;color:#475569}.s-succeeded{background:#dcfce7;color:#15803d}
.s-failed{background:#fee2e2;color:#b91c1c}.s-cancelled{background:#fef3c7;color:#92400e}
.swatch{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
.empty{color:var(--muted);padding:2.5rem 0;text-align:center}.chart{min-height:120px}
tr.stopped td{color:#78716c}tr.stopped td.note{color:#b45309}tr.best td{background:#f0fdf4}.note{font-size:12px}
#authmsg{display:none;background:#fef2f2;color:#991b1b;padding:.5rem 1.2rem;border-bottom:1px solid #fecaca}#authmsg.show{display:block}
.hint{color:var(--muted);font-size:12.5px;margin:.4rem 0 0}.u-legend{font-size:12.5px}.u-legend .u-series th{font-weight:500}
@media (max-width:1000px){main{grid-template-columns:1fr}}
`;
