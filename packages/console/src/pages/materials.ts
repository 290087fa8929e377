import { CreateMaterialRequest, UpdateMaterialRequest } from '@flock/protocol';
import { shareText } from '@flock/protocol/share-kit';
import { type Material, REFERRAL_URL_PARAM, type ReferralProgramSummary } from '@flock/sdk';
import { StoreController } from '@nanostores/lit';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import * as z from 'zod/mini';
import { formatMoney, fromMinor, toMinor } from '../format.js';
import { type FieldErrors, type FieldOptions, FormSubmission, fieldErrors } from '../forms.js';
import { $locale, $t, errorText, type MessageKey, type Translate } from '../i18n.js';
import { $materials, loadMaterials, saveMaterial, setMaterialArchived } from '../stores/promoter-growth.js';
import { programChoices } from '../stores/referral.js';
import { consoleStyles } from '../styles.js';
import { programPicker } from './referral-cells.js';

/** At most this many images per material (the contract's limit, a WeChat grid). */
const MAX_IMAGES = 9;
/** The promoter code the preview puts in its example link. */
const EXAMPLE_CODE = 'MEI8K2QX';

/** The image URLs as typed, one a line. */
const imageLines = (typed: string) =>
  typed
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
const isHttps = (url: string) => /^https:\/\/[^\s/]+/.test(url);

/** An example of a promoter's link to `url`: their code added, as the share kit adds it. */
function exampleLink(url: string): string {
  try {
    const link = new URL(url);
    link.searchParams.set(REFERRAL_URL_PARAM, EXAMPLE_CODE);
    return link.toString();
  } catch {
    return `https://tea.example/?${REFERRAL_URL_PARAM}=${EXAMPLE_CODE}`;
  }
}

/** The schema's messages in the merchant's terms: each image's by the images box, web addresses as such. */
function inMerchantTerms(t: Translate, errors: FieldErrors): FieldErrors {
  const said: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const image = /^imageUrls\.(\d+)$/.exec(field);
    if (image) said.imageUrls ??= t('materials.imageUrl', { n: Number(image[1]) + 1 });
    else if (field === 'url' && message !== t('field.required')) said.url = t('programForm.url');
    else said[field] = message;
  }
  return said;
}

/**
 * A program's share kit (素材): the copy and pictures its promoters share in one tap with their own
 * link put in `{link}`. The merchant writes and edits each one here, sees the copy as a friend will
 * read it, and archives what should no longer be offered (its shares keep their history).
 */
@customElement('flock-console-materials')
export class FlockConsoleMaterials extends LitElement {
  static override styles = [
    consoleStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 16px;
        align-items: start;
      }
      textarea {
        min-height: 96px;
        resize: vertical;
      }
      .preview {
        white-space: pre-wrap;
        word-break: break-word;
        background: var(--c-bg);
        border: 1px dashed var(--c-line);
        border-radius: 8px;
        padding: 10px 12px;
        margin: 0;
      }
      .thumbs {
        display: grid;
        grid-template-columns: repeat(auto-fill, 56px);
        gap: 6px;
      }
      .thumbs img,
      .thumb {
        width: 56px;
        height: 56px;
        object-fit: cover;
        border-radius: 6px;
        border: 1px solid var(--c-line);
        background: var(--c-bg);
        /* A picture that does not load shows as an empty tile, not its alt text. */
        color: transparent;
        overflow: hidden;
      }
      .materials {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 12px;
      }
      .material {
        display: grid;
        grid-template-columns: 72px minmax(0, 1fr);
        gap: 12px;
      }
      .material .thumb {
        width: 72px;
        height: 72px;
        display: grid;
        place-items: center;
        color: var(--c-muted);
        font-size: 12px;
        text-align: center;
      }
      .material.archived {
        opacity: 0.6;
      }
      .material.editing {
        border-color: var(--c-brand);
      }
      .material p {
        margin: 0 0 6px;
      }
      .excerpt {
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];
  /** The program picked in the URL (#/materials?program=…); else the newest program. */
  @property() program: string | undefined;
  /** The material being edited; none: the form writes a new one. */
  @state() private editing: Material | undefined;
  /** What the copy and image boxes hold now, for the preview. */
  @state() private typedText = '';
  @state() private typedImages = '';
  @state() private typedUrl = '';
  @state() private notice = '';
  readonly #t = new StoreController(this, $t);
  readonly #locale = new StoreController(this, $locale);
  readonly #programs = new StoreController(this, programChoices.$list);
  readonly #materials = new StoreController(this, $materials);
  readonly #form = new FormSubmission(this);
  readonly #action = new FormSubmission(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void programChoices.load();
  }

  get #programId(): string | undefined {
    return this.program ?? this.#programs.value.rows[0]?.id;
  }
  get #shownProgram(): ReferralProgramSummary | undefined {
    return this.#programs.value.rows.find((program) => program.id === this.#programId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const id = this.#programId;
    if (id && id !== $materials.get().programId) {
      this.#edit(undefined);
      void loadMaterials(id);
    } else if (changed.has('program') && id && this.hasUpdated) void loadMaterials(id);
  }

  /** The currency of the program's prices. */
  get #currency(): string {
    const program = this.#shownProgram;
    return program?.product.currency ?? program?.commission.currency ?? 'CNY';
  }

  #edit(material: Material | undefined) {
    this.editing = material;
    this.typedText = material?.text ?? '';
    this.typedImages = material?.imageUrls.join('\n') ?? '';
    this.typedUrl = material?.url ?? '';
    this.#form.refuse({}, '');
    this.renderRoot.querySelector('form')?.reset();
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const t = this.#t.value;
    const programId = this.#programId;
    if (!programId) return;
    const editing = this.editing;
    const price = text('price');
    const fields = {
      title: text('title'),
      text: text('text'),
      imageUrls: imageLines(text('imageUrls')),
      ...(text('url') ? { url: text('url') } : {}),
      ...(price ? { price: toMinor(price, this.#currency) } : {}),
    };
    const parsed = editing ? z.safeParse(UpdateMaterialRequest, fields) : z.safeParse(CreateMaterialRequest, fields);
    if (!parsed.success) {
      this.#form.refuse(inMerchantTerms(t, fieldErrors(t, parsed.error.issues)), t('error.invalid_request'));
      return;
    }
    const saved = await this.#form.run(t, () =>
      saveMaterial(
        programId,
        editing
          ? { id: editing.id, update: parsed.data as UpdateMaterialRequest }
          : { create: parsed.data as CreateMaterialRequest },
      ),
    );
    if (saved) {
      this.notice = t(editing ? 'materials.saved' : 'materials.created', { title: fields.title });
      this.#edit(undefined);
      form.reset();
    } else this.#form.refuse(inMerchantTerms(t, this.#form.fields), this.#form.error);
  };

  async #archive(material: Material, archived: boolean) {
    const programId = this.#programId;
    if (!programId) return;
    this.notice = '';
    const done = await this.#action.run(this.#t.value, () => setMaterialArchived(programId, material.id, archived));
    if (done)
      this.notice = this.#t.value(archived ? 'materials.archivedNotice' : 'materials.unarchivedNotice', {
        title: material.title,
      });
  }

  #field(name: string, label: MessageKey, options: FieldOptions = {}) {
    return this.#form.field(this.#t.value, name, label, options);
  }

  /** The copy as a friend reads it: the example link where `{link}` is (or after it), and the pictures. */
  #preview() {
    const t = this.#t.value;
    const program = this.#shownProgram;
    const link = exampleLink(this.typedUrl || program?.product.url || '');
    const images = imageLines(this.typedImages).slice(0, MAX_IMAGES);
    return html`<section aria-labelledby="preview-title">
      <h2 id="preview-title" style="margin:4px 0 6px;font-size:14px">${t('materials.preview')}</h2>
      <p class="preview" data-preview>${this.typedText.trim() ? shareText(this.typedText.trim(), link) : html`<span class="muted">${t('materials.previewEmpty')}</span>`}</p>
      ${
        images.length > 0
          ? html`<div class="thumbs" style="margin-top:8px">
              ${images.map((url, i) =>
                isHttps(url)
                  ? html`<img src=${url} alt=${t('materials.imageN', { n: i + 1 })} loading="lazy" referrerpolicy="no-referrer" />`
                  : html`<span class="thumb" role="img" aria-label=${t('materials.imageN', { n: i + 1 })}></span>`,
              )}
            </div>`
          : ''
      }
    </section>`;
  }

  #materialForm() {
    const t = this.#t.value;
    const material = this.editing;
    const imageError = this.#form.fields.imageUrls;
    const textError = this.#form.fields.text;
    const imageCount = imageLines(this.typedImages).length;
    return html`<form
      class="card form"
      novalidate
      @submit=${this.#submit}
      @input=${(event: Event) => {
        const input = event.target as HTMLInputElement | HTMLTextAreaElement;
        if (input.name === 'text') this.typedText = input.value;
        if (input.name === 'imageUrls') this.typedImages = input.value;
        if (input.name === 'url') this.typedUrl = input.value;
      }}
      aria-labelledby="material-form-title"
    >
      <h2 id="material-form-title">${material ? t('materials.editTitle', { title: material.title }) : t('materials.newTitle')}</h2>
      ${this.#form.error ? html`<p class="alert" role="alert">${this.#form.error}</p>` : ''}
      ${this.#field('title', 'materials.title', { value: material?.title })}
      <div class="with-hint">
        <label
          >${t('materials.text')}<textarea
            name="text"
            .value=${this.typedText}
            aria-invalid=${textError ? 'true' : 'false'}
            aria-describedby="text-error text-hint"
          ></textarea
          ><span class="field-error" id="text-error">${textError ?? ''}</span></label
        >
        <span class="muted hint" id="text-hint">${t('materials.textHint')}</span>
      </div>
      ${this.#preview()}
      <div class="with-hint">
        <label
          >${t('materials.images')}<textarea
            name="imageUrls"
            rows="3"
            .value=${this.typedImages}
            placeholder="https://"
            aria-invalid=${imageError ? 'true' : 'false'}
            aria-describedby="imageUrls-error imageUrls-hint"
          ></textarea
          ><span class="field-error" id="imageUrls-error">${
            imageError ?? (imageCount > MAX_IMAGES ? t('materials.tooManyImages', { max: MAX_IMAGES }) : '')
          }</span></label
        >
        <span class="muted hint" id="imageUrls-hint">${t('materials.imagesHint', { n: imageCount, max: MAX_IMAGES })}</span>
      </div>
      <div class="grid-2">
        ${this.#field('url', 'materials.url', { type: 'url', value: material?.url ?? '', hint: 'materials.urlHint' })}
        ${this.#field('price', 'materials.price', {
          inputmode: 'decimal',
          value: material?.price != null ? fromMinor(material.price, this.#currency) : '',
        })}
      </div>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.#form.busy}>${material ? t('materials.save') : t('materials.create')}</button>
        ${material ? html`<button type="button" @click=${() => this.#edit(undefined)}>${t('materials.cancel')}</button>` : ''}
      </div>
    </form>`;
  }

  #list() {
    const t = this.#t.value;
    const { rows, loading, error } = this.#materials.value;
    if (error) return html`<p class="alert" role="alert">${errorText(t, error)}</p>`;
    if (rows.length === 0)
      return html`<p class="muted" role="status">${loading ? t('common.loading') : t('materials.empty')}</p>`;
    return html`<ul class="materials" aria-label=${t('materials.listTitle')}>
      ${rows.map(
        (material) => html`<li
          class="card material ${material.archived ? 'archived' : ''} ${material.id === this.editing?.id ? 'editing' : ''}"
          data-material=${material.id}
        >
          ${
            material.imageUrls[0]
              ? html`<img class="thumb" src=${material.imageUrls[0]} alt="" loading="lazy" referrerpolicy="no-referrer" />`
              : html`<span class="thumb" aria-hidden="true">${t('materials.noImage')}</span>`
          }
          <div>
            <p>
              <strong>${material.title}</strong>
              ${material.archived ? html`<span class="tag">${t('materials.archived')}</span>` : ''}
            </p>
            <p class="muted excerpt">${material.text}</p>
            <p class="muted">
              ${[
                material.imageUrls.length === 1
                  ? t('materials.oneImage')
                  : t('materials.imageCount', { n: material.imageUrls.length }),
                material.price !== null ? formatMoney(material.price, this.#currency, this.#locale.value) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <div class="row">
              <button type="button" @click=${() => this.#edit(material)} aria-label=${t('materials.editNamed', { title: material.title })}>
                ${t('campaign.edit')}
              </button>
              <button
                type="button"
                @click=${() => this.#archive(material, !material.archived)}
                aria-label=${t(material.archived ? 'materials.unarchiveNamed' : 'materials.archiveNamed', { title: material.title })}
              >
                ${material.archived ? t('materials.unarchive') : t('materials.archive')}
              </button>
            </div>
          </div>
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    const t = this.#t.value;
    const { rows, loading } = this.#programs.value;
    const head = html`<div class="row spread" style="margin-bottom:8px">
        <h1 style="margin:0">${t('materials.pageTitle')}</h1>
        ${rows.length > 0 ? programPicker(t, rows, this.#programId, (id) => `#/materials?program=${id}`) : ''}
      </div>
      <p class="muted">${t('materials.lead')}</p>`;
    if (!this.#programId)
      return html`${head}<section class="card"><p class="muted" role="status">${loading ? t('common.loading') : t('ledger.noPrograms')}</p></section>`;
    return html`${head}
      ${this.notice ? html`<p class="tag ok" role="status" style="margin-bottom:12px">${this.notice}</p>` : ''}
      ${this.#action.error ? html`<p class="alert" role="alert">${this.#action.error}</p>` : ''}
      <div class="layout">${this.#materialForm()}
        <section aria-label=${t('materials.listTitle')}>${this.#list()}</section>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'flock-console-materials': FlockConsoleMaterials;
  }
}
