import { el, uniqueId } from './dom';

/** Disables a form's controls while its action runs, so a double click cannot send it twice. */
export async function whileBusy<T>(form: HTMLFormElement, action: () => Promise<T>): Promise<T> {
  const fieldset = form.querySelector('fieldset');
  fieldset?.setAttribute('disabled', '');
  form.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    fieldset?.removeAttribute('disabled');
    form.removeAttribute('aria-busy');
  }
}

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly input: Record<string, string | boolean>;
}

/**
 * A labelled form of a few fields and one submit button. `onSubmit` gets the values by field name and resolves true
 * when done, which clears the form; false (refused) keeps the values for a correction.
 */
export function simpleForm(
  spec: { fields: FieldSpec[]; submit: string; className?: string; name: string },
  onSubmit: (values: Record<string, string>) => Promise<boolean>,
): HTMLFormElement {
  const controls = spec.fields.map((field) => {
    const id = uniqueId(field.name);
    return el('div', { class: 'field' }, el('label', { for: id }, field.label), el('input', { id, name: field.name, ...field.input }));
  });
  const form = el(
    'form',
    { class: spec.className ?? 'inline-form', 'aria-label': spec.name },
    el('fieldset', {}, ...controls, el('button', { type: 'submit' }, spec.submit)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));
    void whileBusy(form, () => onSubmit(values)).then((done) => done && form.reset());
  });
  return form;
}

/** A form taking one money amount (a decimal with at most two places), its field labelled for what it is. */
export function amountForm(
  spec: { name: string; label: string; submit: string },
  onSubmit: (amount: number) => Promise<boolean>,
): HTMLFormElement {
  const amount: FieldSpec = {
    name: 'amount',
    label: spec.label,
    input: { type: 'number', step: '0.01', min: '0.01', inputmode: 'decimal', required: true },
  };
  return simpleForm({ name: spec.name, submit: spec.submit, fields: [amount] }, (values) => onSubmit(Number(values.amount)));
}
