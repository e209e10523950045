// Search photos by the words of their title and people by the start of their username.
import { api } from '../api.js';
import { gridCell, heading, message, pagedList, userRow } from '../components.js';
import { h, replace } from '../dom.js';
import { navigate } from '../router.js';

const MAX_QUERY = 200;
const USERNAME_PREFIX = /^[A-Za-z0-9_]{1,30}$/;

function searchForm(value = '') {
  const input = h('input', {
    type: 'search',
    name: 'q',
    id: 'search-q',
    value,
    maxlength: MAX_QUERY,
    required: true,
    placeholder: 'beach sunset, alice…',
    autocomplete: 'off',
  });
  return h(
    'form',
    {
      role: 'search',
      class: 'search-form',
      onSubmit: (event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (text) navigate(`/search?q=${encodeURIComponent(text)}`);
      },
    },
    h('label', { for: input.id }, 'Search photos and people'),
    h('div', { class: 'inline' }, input, h('button', { type: 'submit' }, 'Search')),
  );
}

export function searchView({ query, signal }) {
  const text = (query.get('q') ?? '').trim().slice(0, MAX_QUERY);
  const people = h('ul', { class: 'users', 'aria-label': 'People' });
  const node = h(
    'section',
    { class: 'search' },
    heading(text ? `Results for “${text}”` : 'Search'),
    searchForm(text),
  );
  if (text) {
    // people only for one word that can start a username; photos for any words
    const peopleSection = USERNAME_PREFIX.test(text)
      ? h('section', { 'aria-labelledby': 'people-heading' }, h('h2', { id: 'people-heading' }, 'People'), people)
      : null;
    if (peopleSection) {
      api
        .searchUsers(text)
        .then((page) => {
          if (page.items.length === 0) replace(people, h('li', {}, message('No one by that name.')));
          else replace(people, page.items.map(userRow));
        })
        .catch((error) => replace(people, h('li', {}, message(error.message, 'error'))));
    }
    node.append(
      ...[peopleSection].filter(Boolean),
      h(
        'section',
        { 'aria-labelledby': 'photos-heading' },
        h('h2', { id: 'photos-heading' }, 'Photos'),
        pagedList({
          className: 'grid',
          label: 'Matching photos',
          load: (cursor) => api.searchPhotos(text, cursor),
          item: gridCell,
          empty: 'No photo titles match every word.',
          signal,
        }),
      ),
    );
  }
  return { title: text ? `${text} · Search · PicShare` : 'Search · PicShare', node };
}
