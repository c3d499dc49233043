/** `/`: what the sandbox holds, for a person watching orders arrive "in Zoho". Read-only, escaped. */
import { Router } from 'express';
import type { SandboxContext } from '../context';
import type { SalesDocument } from '../types';
import { escapeHtml as e } from '../util';
import { organizationHtml } from './home-organization';

const money = (n: unknown, currency: unknown) => `${e(currency)} ${Number(n ?? 0).toFixed(2)}`;

function docRows(docs: SalesDocument[], numberKey: string): string {
  if (docs.length === 0) return '<tr><td colspan="6" class="muted">None yet.</td></tr>';
  return [...docs]
    .reverse()
    .slice(0, 500)
    .map(
      (d) =>
        `<tr><td>${e(d[numberKey])}</td><td><span class="st st-${e(d.status)}">${e(d.status)}</span></td><td>${e(d.customer_name)}</td>` +
        `<td class="num">${money(d.total, d.currency_code)}</td><td>${e(d.reference_number)}</td><td>${e(d.created_time)}${d.has_attachment ? ' 📎' : ''}</td></tr>`,
    )
    .join('');
}

export function homeRouter(ctx: SandboxContext): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    const data = ctx.store.snapshot();
    const created = ctx.store.createdContacts();
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Zoho sandbox: ${e(data.organization.name)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left}th{background:#f4f4f4}.num{text-align:right}.muted{color:#888}
.st{padding:.1rem .4rem;border-radius:.3rem;background:#eee}.st-confirmed,.st-open{background:#d8f5d8}.st-void{background:#f5d8d8}</style></head><body>
<h1>Zoho sandbox</h1>
<p>Organization <b>${e(data.organization.name)}</b> (id ${e(data.organization.organization_id)}) · ${data.items.length} items ·
${data.contacts.length} contacts · ${data.salesorders.length} sales orders · ${data.estimates.length} estimates ·
${ctx.stats.apiCalls} API calls · <a href="/__sandbox/state">state (JSON)</a></p>
<h2>Sales orders</h2><table><tr><th>Number</th><th>Status</th><th>Customer</th><th class="num">Total</th><th>Reference</th><th>Created</th></tr>
${docRows(data.salesorders, 'salesorder_number')}</table>
<h2>Estimates</h2><table><tr><th>Number</th><th>Status</th><th>Customer</th><th class="num">Total</th><th>Reference</th><th>Created</th></tr>
${docRows(data.estimates, 'estimate_number')}</table>
<h2>Contacts created through the API</h2><table><tr><th>Name</th><th>Company</th><th>E-mail</th><th>City</th><th>Created</th></tr>
${
  created.length === 0
    ? '<tr><td colspan="5" class="muted">None yet.</td></tr>'
    : created
        .slice(-500)
        .reverse()
        .map(
          (c) =>
            `<tr><td>${e(c.contact_name)}</td><td>${e(c.company_name)}</td><td>${e(c.email)}</td><td>${e(c.billing_address.city)}</td><td>${e(c.created_time)}</td></tr>`,
        )
        .join('')
}</table>
${organizationHtml(ctx.store)}
</body></html>`;
    res.type('html').send(html);
  });
  return r;
}
