import { actionItems, ASSESSMENT_STATUSES, type Assessment, type AssessmentStatus } from './assessment.js';
import { COMPLEXITIES } from './effort.js';

const DIALECT_TITLE = { tsql: 'SQL Server', mysql: 'MySQL / MariaDB' } as const;

const STATUS_COLOR: Record<AssessmentStatus, string> = {
  converted: '#2e7d32',
  'converted with warnings': '#f9a825',
  'needs manual work': '#e65100',
  'not supported': '#757575',
};

export function escapeHtml(s: string | number | undefined): string {
  return s === undefined ? '' : String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** A long path in every row crowds the table: the file name with line and column, the full path in the tooltip. */
function shortLocation(location: string): string {
  return /^[^:]*[/\\]/.test(location) ? location.replace(/^.*[/\\]/, '') : location;
}

/** Horizontal bars, one per status, each labelled with its count (no script needed to read it). */
function statusChart(a: Assessment): string {
  const max = Math.max(1, ...ASSESSMENT_STATUSES.map((s) => a.summary.objects[s]));
  const rowH = 34, labelW = 190, barW = 360;
  const bars = ASSESSMENT_STATUSES.map((s, i) => {
    const n = a.summary.objects[s];
    const w = Math.round((n / max) * barW);
    const y = i * rowH;
    return `<g class="bar" data-status="${escapeHtml(s)}" data-count="${n}">` +
      `<text x="${labelW - 10}" y="${y + 21}" text-anchor="end">${escapeHtml(s)}</text>` +
      `<rect x="${labelW}" y="${y + 6}" width="${Math.max(w, 2)}" height="22" rx="3" fill="${STATUS_COLOR[s]}"/>` +
      `<text class="count" x="${labelW + Math.max(w, 2) + 8}" y="${y + 22}">${n}</text></g>`;
  }).join('');
  const h = ASSESSMENT_STATUSES.length * rowH + 6;
  return `<svg id="status-chart" role="img" aria-label="objects by status" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}">${bars}</svg>`;
}

const CSS = `
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c1c1c;background:#f6f7f9}
header{background:#1f3b57;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
main{padding:20px 28px;max-width:1400px}section{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:16px 20px;margin-bottom:18px}
h2{font-size:17px;margin:0 0 12px}.cards{display:flex;gap:14px;flex-wrap:wrap;margin-bottom:18px}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px 18px;min-width:150px}.card b{display:block;font-size:26px}
.card span{color:#555}.row{display:flex;gap:18px;flex-wrap:wrap}.row>section{flex:1 1 420px}
svg text{font-size:13px;fill:#333}svg text.count{font-weight:600}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eceef1;vertical-align:top}
th{background:#f0f2f5;position:sticky;top:0}td.num,th.num{text-align:right}
#items th{cursor:pointer;user-select:none;white-space:nowrap}#items th:hover{background:#e2e6eb}
#items th[aria-sort=ascending]::after{content:" \\25B2"}#items th[aria-sort=descending]::after{content:" \\25BC"}
.controls{display:flex;gap:10px;margin-bottom:10px;flex-wrap:wrap;align-items:center}
.controls input{flex:1 1 280px;padding:6px 8px;border:1px solid #bbb;border-radius:4px}.controls select{padding:6px;border:1px solid #bbb;border-radius:4px}
.sev{font-weight:600;border-radius:3px;padding:1px 6px;font-size:12px}.sev-error{background:#fdecea;color:#b71c1c}.sev-warning{background:#fff4e0;color:#8a5300}.sev-info{background:#e8f1fb;color:#1f4e79}
.scroll{overflow-x:auto}code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}td.msg{min-width:220px}.muted{color:#666}
`;

const SCRIPT = `
(function(){
  var table=document.getElementById('items');if(!table)return;
  var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
  var filter=document.getElementById('filter'),sev=document.getElementById('severity'),st=document.getElementById('status'),shown=document.getElementById('shown');
  function apply(){
    var q=filter.value.trim().toLowerCase(),s=sev.value,t=st.value,n=0;
    rows.forEach(function(r){
      var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&(!s||r.getAttribute('data-severity')===s)&&(!t||r.getAttribute('data-status')===t);
      r.hidden=!ok;if(ok)n++;
    });
    shown.textContent=n+' of '+rows.length+' items shown';
  }
  [filter,sev,st].forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){
    th.addEventListener('click',function(){
      var dir=th.getAttribute('aria-sort')==='ascending'?-1:1,num=th.classList.contains('num');
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir===1?'ascending':'descending');
      rows.sort(function(a,b){
        var x=a.cells[col].getAttribute('data-sort')||a.cells[col].textContent,y=b.cells[col].getAttribute('data-sort')||b.cells[col].textContent;
        var c=num?Number(x)-Number(y):x.localeCompare(y,undefined,{numeric:true});
        return c*dir||Number(a.cells[0].textContent)-Number(b.cells[0].textContent);
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  apply();
})();
`;

/** ONE self-contained page (inline CSS, SVG and script; nothing fetched): chart, sortable and filterable items. */
export function renderAssessmentHtml(a: Assessment): string {
  const s = a.summary;
  const total = ASSESSMENT_STATUSES.reduce((n, k) => n + s.objects[k], 0);
  const items = actionItems(a);
  const sevRank = { error: 0, warning: 1, info: 2 } as const;
  const cplxRank = Object.fromEntries(COMPLEXITIES.map((c, i) => [c, i])) as Record<string, number>;
  const itemRows = items.map((i) => `<tr data-severity="${i.severity}" data-status="${escapeHtml(i.objectStatus ?? '')}">` +
    `<td class="num">${i.id}</td><td data-sort="${sevRank[i.severity]}"><span class="sev sev-${i.severity}">${i.severity}</span></td>` +
    `<td><code title="${escapeHtml(i.title)}">${i.code}</code></td><td>${escapeHtml(i.object ?? '')}</td><td>${escapeHtml(i.objectStatus ?? '')}</td>` +
    `<td><code title="${escapeHtml(i.location)}">${escapeHtml(shortLocation(i.location))}</code></td><td>${i.rule ? `<code>${escapeHtml(i.rule)}</code>` : ''}</td>` +
    `<td data-sort="${cplxRank[i.complexity]}">${i.complexity}</td><td class="num">${i.minutes}</td><td class="msg">${escapeHtml(i.message)}</td></tr>`).join('\n');
  const featureRows = a.features.map((f) => `<tr><td>${f.group}</td><td>${escapeHtml(f.feature)}</td><td class="num">${f.count}</td><td>${escapeHtml(f.postgres)}</td><td>${f.support}</td><td>${f.rule ? `<code>${escapeHtml(f.rule)}</code>` : ''}</td></tr>`).join('\n');
  const attention = a.objects.filter((o) => o.status !== 'converted');
  const objectRows = attention.map((o) => `<tr><td>${escapeHtml(o.object)}</td><td>${o.status}</td><td><code title="${escapeHtml(o.location)}">${escapeHtml(shortLocation(o.location))}</code></td><td class="num">${o.items}</td><td class="num">${o.minutes}</td></tr>`).join('\n');
  const option = (v: string) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`;
  const card = (id: string, n: string | number, label: string) => `<div class="card" id="${id}"><b>${n}</b><span>${label}</span></div>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pgshift assessment</title><style>${CSS}</style></head>
<body>
<header><h1>pgshift assessment — ${DIALECT_TITLE[a.dialect]} to PostgreSQL</h1><p>${a.inputs.map(escapeHtml).join(', ')}</p></header>
<main>
<div class="cards">${card('card-objects', total, 'source objects')}${card('card-errors', s.items.error, 'errors')}${card('card-warnings', s.items.warning, 'warnings')}${card('card-hours', s.hours, `estimated hours (${s.minutes} min)`)}</div>
<div class="row">
<section><h2>Objects by status</h2>${statusChart(a)}</section>
<section><h2>Items by complexity</h2><table id="complexity"><thead><tr><th>complexity</th><th class="num">items</th></tr></thead><tbody>
${COMPLEXITIES.map((c) => `<tr><td>${c}</td><td class="num">${s.complexity[c]}</td></tr>`).join('\n')}
</tbody></table><p class="muted">${s.items.info} info item(s) are in the JSON and CSV formats.</p></section>
</div>
<section><h2>Action items</h2>
<div class="controls"><input id="filter" type="search" placeholder="Filter: code, object, message, rule…" aria-label="filter items">
<select id="severity" aria-label="severity"><option value="">all severities</option>${['error', 'warning'].map(option).join('')}</select>
<select id="status" aria-label="object status"><option value="">all object statuses</option>${ASSESSMENT_STATUSES.map(option).join('')}</select>
<span id="shown" class="muted">${items.length} of ${items.length} items shown</span></div>
<div class="scroll"><table id="items"><thead><tr><th class="num">#</th><th>severity</th><th>code</th><th>object</th><th>object status</th><th>location</th><th>rule</th><th>complexity</th><th class="num">minutes</th><th>message</th></tr></thead>
<tbody>
${itemRows}
</tbody></table></div></section>
<section><h2>Feature usage</h2><table id="features"><thead><tr><th>group</th><th>source feature</th><th class="num">count</th><th>PostgreSQL</th><th>support</th><th>rule</th></tr></thead><tbody>
${featureRows}
</tbody></table></section>
<section><h2>Objects needing attention</h2><table id="objects"><thead><tr><th>object</th><th>status</th><th>location</th><th class="num">items</th><th class="num">minutes</th></tr></thead><tbody>
${objectRows}
</tbody></table></section>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
