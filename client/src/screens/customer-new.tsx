import { useState } from 'preact/hooks';
import type { Customer } from '../domain';
import { newId } from '../order/build';
import { chooseCustomer } from '../order/draft-store';
import { enqueue } from '../outbox/client';
import { go } from '../router';
import { customerIndex, indexCustomer } from '../store/dataset';
import { saveDeviceCustomer } from '../store/device-customers';
import { dataVersion } from '../sync/controller';

const FIELDS = [
  ['name', 'Name', 'organization', true],
  ['company', 'Company', 'organization', false],
  ['email', 'Email', 'email', false],
  ['phone', 'Phone', 'tel', false],
  ['address', 'Street address', 'address-line1', false],
  ['city', 'City', 'address-level2', false],
  ['zip', 'Postcode', 'postal-code', false],
  ['country', 'Country', 'country-name', false],
] as const;

type Form = Record<(typeof FIELDS)[number][0], string>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new customer, made on the device: usable for orders at once, sent to the hub with them. */
export function CustomerNew() {
  const [form, setForm] = useState<Form>({ name: '', company: '', email: '', phone: '', address: '', city: '', zip: '', country: '' });
  const [errors, setErrors] = useState<Partial<Form>>({});

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems: Partial<Form> = {};
    if (!form.name.trim()) problems.name = 'Enter the customer’s name';
    if (form.email.trim() && !EMAIL.test(form.email.trim())) problems.email = 'Not an email address';
    setErrors(problems);
    if (Object.keys(problems).length) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const t = (s: string) => s.trim() || undefined;
    const address = { address: t(form.address), city: t(form.city), zip: t(form.zip), country: t(form.country), phone: t(form.phone) };
    const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
    const id = newId();
    const body: Customer = clean({
      id,
      name: form.name.trim(),
      companyName: t(form.company),
      email: t(form.email),
      phone: t(form.phone),
      billingAddress: clean(address),
      shippingAddress: clean(address),
    });
    const record = clean({
      id,
      name: body.name,
      company: body.companyName,
      email: body.email,
      phone: body.phone,
      billingAddress: body.billingAddress,
      shippingAddress: body.shippingAddress,
      detailed: true,
      device: true,
    });
    await saveDeviceCustomer(record);
    indexCustomer(id, record);
    await customerIndex.save();
    await enqueue({ id, kind: 'customer', body, customerId: id, customerName: body.name, createdAt: new Date().toISOString() });
    dataVersion.set((v) => v + 1);
    chooseCustomer(id);
    go({ name: 'products' });
  };

  return (
    <main id="main" class="screen">
      <h2 tabIndex={-1}>New customer</h2>
      <form class="form" onSubmit={submit} noValidate>
        {FIELDS.map(([key, label, autocomplete, required]) => (
          <label key={key}>
            {label}
            {required && <span aria-hidden="true"> *</span>}
            <input
              name={key}
              type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
              autocomplete={autocomplete}
              required={required}
              value={form[key]}
              aria-invalid={errors[key] ? 'true' : undefined}
              aria-describedby={errors[key] ? `${key}-error` : undefined}
              onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
            />
            {errors[key] && (
              <span class="field-error" id={`${key}-error`}>
                {errors[key]}
              </span>
            )}
          </label>
        ))}
        <button class="button" type="submit">
          Save customer
        </button>
      </form>
    </main>
  );
}
