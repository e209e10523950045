// One photo: its display rendition (srcset), title, owner, date, likes; its owner may delete it.
import { api } from '../api.js';
import { heading, likeButton, message, photoImage } from '../components.js';
import { date, h, replace, userPath } from '../dom.js';
import { navigate } from '../router.js';
import { session } from '../session.js';

export async function photoView({ params, signal }) {
  const photo = await api.photo(params.id);
  const mine = session.user()?.id === photo.owner_id;
  const status = h('div', { class: 'photo-status' });
  return {
    title: `${photo.title || 'Photo'} · PicShare`,
    node: h(
      'article',
      { class: 'photo-page' },
      h(
        'figure',
        {},
        photoImage(photo, { signal, eager: true, sizes: '(max-width: 760px) 100vw, 720px' }),
      ),
      h(
        'div',
        { class: 'photo-details' },
        heading(photo.title || 'Untitled photo'),
        h(
          'p',
          { class: 'byline' },
          'by ',
          h('a', { href: userPath(photo.owner), class: 'owner' }, `@${photo.owner}`),
          ' · ',
          h('time', { datetime: photo.created_at }, date(photo.created_at)),
        ),
        likeButton(photo),
        mine ? deleteControl(photo, status) : null,
        status,
      ),
    ),
  };
}

function deleteControl(photo, status) {
  const confirmButton = h('button', { type: 'button', class: 'danger', value: 'delete' }, 'Delete');
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const dialog = h(
    'dialog',
    { 'aria-labelledby': 'delete-title' },
    h('h2', { id: 'delete-title' }, 'Delete this photo?'),
    h('p', {}, `“${photo.title || 'Untitled photo'}” will be gone for everyone. This cannot be undone.`),
    h('p', { class: 'actions' }, cancel, confirmButton),
  );
  cancel.addEventListener('click', () => dialog.close());
  confirmButton.addEventListener('click', async () => {
    confirmButton.disabled = true;
    try {
      await api.deletePhoto(photo.id);
      dialog.close();
      navigate(userPath(photo.owner) + '?deleted=1', { replace: true });
    } catch (error) {
      dialog.close();
      replace(status, message(error.message, 'error'));
    } finally {
      confirmButton.disabled = false;
    }
  });
  const open = h(
    'button',
    { type: 'button', class: 'danger secondary', onClick: () => dialog.showModal() },
    'Delete photo',
  );
  return h('div', { class: 'owner-actions' }, open, dialog);
}
