import { FlockError } from '@flock/sdk';
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { $t, errorText, type MessageKey, type Translate } from './i18n.js';

/** A form's messages by field path (`teamSize`, `completeAtDeadline.minMembers`), in the console's language. */
export type FieldErrors = Record<string, string>;

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** The contract's own rules (its refinements) that have a sentence of their own. */
const ruleMessages: Record<string, MessageKey> = {
  'groupPrice must not exceed regularPrice': 'field.groupPriceOverRegular',
  'price_cut needs startPrice, floorPrice and currency': 'field.assistPricesNeeded',
  'startPrice - floorPrice must be at least goal minor units, so every help cuts at least one': 'field.assistCutTooSmall',
  'floorPrice must not exceed startPrice': 'field.assistFloorOverStart',
  'startsAt must be before endsAt': 'field.endsBeforeStarts',
  'tiers must have members strictly ascending and price strictly descending': 'field.tiersOrder',
  'the last tier’s members must equal teamSize (a team fills at the last tier)': 'field.tiersLast',
  'groupPrice must equal the first tier’s price (what every member pays up front)': 'field.groupPriceFirstTier',
  'lottery.winners must be fewer than teamSize': 'field.winnersUnderSize',
  'each product of products needs its own productRef': 'field.productRefsUnique',
  'groupPrice must be the lowest groupPrice of products (the price the offer shows)': 'field.groupPriceLowest',
  'tiers must have minCommission30d strictly ascending': 'growth.tiersAscending',
  'minSpend must be at least amountOff': 'growth.minSpendUnderAmount',
};

/** Rules worded with a variable part (the field combined, the id not found): matched by their shape. */
const rulePatterns: [RegExp, MessageKey][] = [
  [/ cannot be combined with /, 'field.notCombinable'],
  [/^No voucher product /, 'field.noSuchVoucherProduct'],
  // The server's rule for tiers and the boost (a fixed commission has no rate to raise).
  [/percent commission/i, 'growth.needsPercentField'],
];
const ruleMessage = (message: string): MessageKey =>
  ruleMessages[message] ?? rulePatterns.find(([pattern]) => pattern.test(message))?.[1] ?? 'field.invalid';

/** Translates the issues of a failed parse with the contract's schema, one message per field. */
export function fieldErrors(t: Translate, issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (errors[field]) continue;
    const text = issue.origin === 'string';
    // A text of at least one character is simply one that must be filled in.
    if (issue.code === 'too_small' && text && Number(issue.minimum) === 1) errors[field] = t('field.required');
    else if (issue.code === 'too_small')
      errors[field] = t(text ? 'field.tooShort' : 'field.tooSmall', { min: Number(issue.minimum) });
    else if (issue.code === 'too_big') errors[field] = t(text ? 'field.tooLong' : 'field.tooBig', { max: Number(issue.maximum) });
    else if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) errors[field] = t('field.required');
    else errors[field] = t(ruleMessage(issue.message));
  }
  return errors;
}

/** A refusal from the server: its field details become field messages; the rest is the form's alert. */
export function serverFieldErrors(t: Translate, error: unknown): FieldErrors {
  if (!(error instanceof FlockError) || !Array.isArray(error.details)) return {};
  return fieldErrors(
    t,
    (error.details as { path?: PropertyKey[]; message?: string }[]).map((detail) => ({
      code: 'custom',
      path: detail.path ?? [],
      message: detail.message ?? '',
    })),
  );
}

/** The code of whatever went wrong, for errorText. */
export const errorCode = (error: unknown) => (error instanceof FlockError ? error.code : 'network_error');

/** How a form field is drawn: its input type, its current value, and which message is its own. */
export interface FieldOptions {
  type?: string;
  value?: string;
  inputmode?: string;
  /** The schema's path whose message this field shows (`teamTtlSeconds` for the hours typed), when not its name. */
  errorAs?: string;
  disabled?: boolean;
  /** A sentence that explains the field, beside its label (read with it, not as part of its name). */
  hint?: MessageKey;
  /** Values for the label's placeholders (a row's number in an editor of rows). */
  labelValues?: Record<string, string | number>;
}

/**
 * A form's submission state, shared by every console form: busy while its action runs; a refusal
 * becomes the form's translated alert and, where the server named fields, their messages.
 */
export class FormSubmission implements ReactiveController {
  busy = false;
  error = '';
  fields: FieldErrors = {};
  /** What the last run's action threw, for a form that words a refusal's details itself. */
  failure: unknown;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Shows what the form's own check (the contract's schema) found, before anything is sent. */
  refuse(fields: FieldErrors, error: string): void {
    this.fields = fields;
    this.error = error;
    this.host.requestUpdate();
  }

  /** A labelled input with its message below it (and its hint), as every console form draws one. */
  field(t: Translate, name: string, label: MessageKey, options: FieldOptions = {}): TemplateResult {
    const error = this.fields[options.errorAs ?? name];
    const field = html`<label
      >${t(label, options.labelValues)}<input
        name=${name}
        type=${options.type ?? 'text'}
        inputmode=${options.inputmode ?? 'text'}
        .value=${options.value ?? ''}
        ?disabled=${options.disabled ?? false}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${name}-error${options.hint ? ` ${name}-hint` : ''}"
      /><span class="field-error" id="${name}-error">${error ?? ''}</span></label
    >`;
    return options.hint
      ? html`<div class="with-hint">${field}<span class="muted hint" id="${name}-hint">${t(options.hint)}</span></div>`
      : field;
  }

  /** Runs `action`; true when it succeeded. */
  async run(t: Translate, action: () => Promise<unknown>): Promise<boolean> {
    this.refuse({}, '');
    this.failure = undefined;
    this.busy = true;
    try {
      await action();
      return true;
    } catch (error) {
      this.failure = error;
      this.fields = serverFieldErrors(t, error);
      this.error = errorText(t, errorCode(error));
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}

/**
 * The record an edit form changes, shared by every console form that edits: loaded when the form's
 * id is set (none: a new one), with the loading and the refusal every form shows alike.
 */
export class EditedRecord<T> implements ReactiveController {
  value: T | undefined;
  error = '';
  #id: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The form's id property: none for a new record. */
    private readonly id: () => string | undefined,
    private readonly load: (id: string) => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Before each render: a new id drops what was shown and loads its record. */
  hostUpdate(): void {
    const id = this.id();
    if (id === this.#id) return;
    this.#id = id;
    this.value = undefined;
    this.error = '';
    if (!id) return;
    this.load(id).then(
      (value) => {
        if (this.#id === id) this.value = value;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (this.#id === id) this.error = errorText($t.get(), errorCode(error));
        this.host.requestUpdate();
      },
    );
  }

  /** What the page shows until the record is there: its loading or its refusal; nothing for a new one or once loaded. */
  placeholder(t: Translate): TemplateResult | undefined {
    if (!this.#id || this.value) return undefined;
    return this.error
      ? html`<p class="alert" role="alert">${this.error}</p>`
      : html`<p class="muted" role="status">${t('common.loading')}</p>`;
  }
}
