// The home page: the news feed (top or recent, endless) for a logged-in user; a welcome otherwise.
import { api } from '../api.js';
import { heading, pagedList, photoCard } from '../components.js';
import { h } from '../dom.js';
import { session } from '../session.js';

export function homeView({ query, signal }) {
  if (!session.user()) {
    return {
      title: 'PicShare',
      node: h(
        'section',
        { class: 'welcome' },
        heading('Share your photos with the people who follow you'),
        h('p', {}, 'Upload photos, follow friends, like what you see, and hear about it as it happens.'),
        h(
          'p',
          { class: 'actions' },
          h('a', { href: '/signup', class: 'button' }, 'Create an account'),
          h('a', { href: '/login', class: 'button secondary' }, 'Log in'),
        ),
        h('p', {}, 'Or ', h('a', { href: '/search' }, 'search photos and people'), ' first.'),
      ),
    };
  }
  const order = query.get('order') === 'recent' ? 'recent' : 'top';
  const tab = (value, label) =>
    h('a', { href: `/?order=${value}`, class: 'tab', 'aria-current': value === order ? 'page' : null }, label);
  return {
    title: order === 'recent' ? 'Recent · PicShare' : 'Feed · PicShare',
    node: h(
      'section',
      { class: 'feed' },
      heading('Your feed'),
      h('nav', { class: 'tabs', 'aria-label': 'Feed order' }, tab('top', 'Top'), tab('recent', 'Recent')),
      pagedList({
        tag: 'div',
        className: 'cards',
        label: order === 'recent' ? 'Recent photos' : 'Top photos',
        load: (cursor) => api.feed(order, cursor),
        item: photoCard,
        empty: 'Nothing here yet. Follow people (find them with Search) to see their photos.',
        signal,
      }),
    ),
  };
}
