// Upload several photos at once: each gets a preview, a title, a check against the API's limits
// before anything is sent, a progress bar while it goes, and an Idempotency-Key so a retry after a
// failure can never store it twice.
import { api } from '../api.js';
import { config } from '../config.js';
import { heading, message } from '../components.js';
import { h, photoPath, replace } from '../dom.js';
import { checkFile, HEAD_BYTES, megabytes, titleFromName } from '../upload-checks.js';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp';

function idempotencyKey() {
  // crypto.randomUUID needs a secure context; getRandomValues works on plain http too
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function uploadMessage(error) {
  switch (error.code) {
    case 'payload-too-large':
      return `Too large: photos can be up to ${megabytes(config.maxUploadBytes)}.`;
    case 'unsupported-media-type':
      return 'Not a supported image: PicShare takes JPEG, PNG, GIF and WebP photos.';
    case 'invalid-image':
      return `This image cannot be read (damaged, or too many pixels): ${error.message}`;
    default:
      return error.message;
  }
}

export function uploadView({ signal }) {
  let counter = 0;
  const items = [];
  const list = h('ol', { class: 'upload-list', 'aria-label': 'Photos to upload' });
  const summary = h('div', { class: 'upload-summary' });
  const input = h('input', { type: 'file', id: 'upload-files', name: 'files', multiple: true, accept: ACCEPT });
  const send = h('button', { type: 'submit', disabled: true }, 'Upload');
  const previews = new Set();
  signal.addEventListener('abort', () => previews.forEach((url) => URL.revokeObjectURL(url)));

  const refresh = () => {
    const ready = items.filter((item) => item.state === 'ready' || item.state === 'failed');
    send.disabled = ready.length === 0;
    replace(send, ready.length > 1 ? `Upload ${ready.length} photos` : 'Upload');
  };

  async function add(file) {
    const id = ++counter;
    const preview = URL.createObjectURL(file);
    previews.add(preview);
    const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    const problem = checkFile(file.size, head, config.maxUploadBytes);
    const title = h('input', {
      id: `title-${id}`,
      name: 'title',
      value: titleFromName(file.name),
      required: true,
      maxlength: 200,
      disabled: problem !== null,
    });
    const progress = h('progress', { id: `progress-${id}`, max: 1, value: 0, hidden: true });
    const status = h('div', { class: 'item-status' }, problem ? message(problem, 'error') : null);
    const item = { file, title, progress, status, key: idempotencyKey(), state: problem ? 'refused' : 'ready' };
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        'aria-label': `Remove ${file.name}`,
        onClick: () => {
          items.splice(items.indexOf(item), 1);
          row.remove();
          URL.revokeObjectURL(preview);
          refresh();
        },
      },
      'Remove',
    );
    const row = h(
      'li',
      { class: `upload-item${problem ? ' refused' : ''}` },
      problem
        ? h('div', { class: 'preview refused', 'aria-hidden': 'true' }, '✕')
        : h('img', { class: 'preview', src: preview, alt: `Preview of ${file.name}` }),
      h(
        'div',
        { class: 'upload-fields' },
        h('p', { class: 'file-name' }, `${file.name} · ${megabytes(file.size)}`),
        h('label', { for: title.id }, 'Title'),
        title,
        h('label', { for: progress.id, class: 'visually-hidden' }, `Upload progress of ${file.name}`),
        progress,
        status,
      ),
      remove,
    );
    item.remove = remove;
    items.push(item);
    list.append(row);
    refresh();
  }

  async function uploadOne(item) {
    const title = item.title.value.trim();
    if (!title) {
      replace(item.status, message('Give the photo a title.', 'error'));
      item.title.focus();
      return false;
    }
    item.state = 'sending';
    item.title.disabled = true;
    item.remove.disabled = true;
    item.progress.hidden = false;
    item.progress.value = 0;
    replace(item.status, message('Uploading…'));
    try {
      const photo = await api.upload(item.file, title, item.key, (done) => {
        item.progress.value = done;
      });
      item.progress.value = 1;
      item.state = 'done';
      replace(item.status, message('Uploaded. '), h('a', { href: photoPath(photo.id) }, 'View photo'));
      return true;
    } catch (error) {
      // refused for good: too large, not an image, unreadable; anything else may be retried,
      // with the same key when the outcome is unknown (the photo may be stored: never twice)
      const final = ['payload-too-large', 'unsupported-media-type', 'invalid-image'].includes(error.code);
      const unknown = error.status === 0 || error.status >= 500 || [408, 409, 429].includes(error.status);
      if (!unknown) item.key = idempotencyKey();
      item.state = final ? 'refused' : 'failed';
      item.title.disabled = final;
      item.remove.disabled = false;
      item.progress.hidden = true;
      replace(item.status, message(uploadMessage(error) + (final ? '' : ' Press Upload to retry.'), 'error'));
      return false;
    }
  }

  const form = h(
    'form',
    {
      class: 'upload',
      onSubmit: async (event) => {
        event.preventDefault();
        send.disabled = true;
        input.disabled = true;
        replace(summary);
        let uploaded = 0;
        let failed = 0;
        for (const item of items.filter((i) => i.state === 'ready' || i.state === 'failed')) {
          if (signal.aborted) return;
          if (await uploadOne(item)) uploaded++;
          else failed++;
        }
        input.disabled = false;
        refresh();
        replace(
          summary,
          message(
            `${uploaded} uploaded${failed ? `, ${failed} not uploaded` : ''}.`,
            failed ? 'error' : 'info',
          ),
        );
      },
    },
    h(
      'div',
      { class: 'drop-zone' },
      h('label', { for: input.id }, 'Choose photos'),
      h('p', { class: 'hint', id: 'upload-hint' }, `JPEG, PNG, GIF or WebP, up to ${megabytes(config.maxUploadBytes)} each. You can pick several, or drop them here.`),
      input,
    ),
    list,
    h('p', { class: 'actions' }, send),
    summary,
  );
  input.setAttribute('aria-describedby', 'upload-hint');
  input.addEventListener('change', async () => {
    for (const file of input.files) await add(file);
    input.value = '';
  });
  const zone = form.querySelector('.drop-zone');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', async (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    for (const file of event.dataTransfer.files) await add(file);
  });
  return { title: 'Upload · PicShare', node: h('section', { class: 'narrow' }, heading('Upload photos'), form) };
}
