// A user's page (their photos, counts, follow/unfollow) and their followers and following lists.
import { api } from '../api.js';
import { gridCell, heading, loginPath, message, pagedList, userRow } from '../components.js';
import { count, h, replace, userPath } from '../dom.js';
import { session } from '../session.js';

export async function profileView({ params, query, signal }) {
  const profile = await api.profile(params.username);
  const me = session.user();
  const followers = h('a', { href: userPath(profile.username, '/followers') });
  const showFollowers = (n) => replace(followers, count(n, 'follower', 'followers'));
  showFollowers(profile.follower_count);
  const status = h('div', {});
  let action = null;
  if (!me) {
    action = h('a', { href: loginPath(), class: 'button' }, `Log in to follow`);
  } else if (me.username !== profile.username) {
    action = followButton(profile, showFollowers, status);
  } else {
    action = h('a', { href: '/upload', class: 'button' }, 'Upload photos');
  }
  return {
    title: `@${profile.username} · PicShare`,
    node: h(
      'section',
      { class: 'profile' },
      h(
        'header',
        { class: 'profile-header' },
        heading(`@${profile.username}`),
        h(
          'ul',
          { class: 'stats', 'aria-label': 'Counts' },
          h('li', {}, count(profile.photo_count, 'photo', 'photos')),
          h('li', {}, followers),
          h('li', {}, h('a', { href: userPath(profile.username, '/following') }, `${profile.following_count.toLocaleString('en')} following`)),
        ),
        action,
        status,
      ),
      query.get('deleted') === '1' ? message('Photo deleted.') : null,
      h('h2', { class: 'visually-hidden' }, 'Photos'),
      pagedList({
        className: 'grid',
        label: `Photos by @${profile.username}`,
        load: (cursor) => api.userPhotos(profile.username, cursor),
        item: gridCell,
        empty: me?.username === profile.username ? 'No photos yet: upload your first.' : 'No photos yet.',
        signal,
      }),
    ),
  };
}

function followButton(profile, showFollowers, status) {
  let following = profile.followed_by_me === true;
  let followers = profile.follower_count;
  const button = h('button', { type: 'button', class: 'follow' });
  const update = () => {
    button.setAttribute('aria-pressed', String(following));
    replace(button, following ? 'Following' : 'Follow');
    button.setAttribute('aria-label', `${following ? 'Unfollow' : 'Follow'} @${profile.username}`);
    showFollowers(followers);
  };
  update();
  button.addEventListener('click', async () => {
    if (button.dataset.busy) return;
    button.dataset.busy = 'true';
    replace(status);
    try {
      await (following ? api.unfollow(profile.username) : api.follow(profile.username));
      following = !following;
      followers += following ? 1 : -1;
      update();
    } catch (error) {
      replace(status, message(error.message, 'error'));
    } finally {
      delete button.dataset.busy;
    }
  });
  return button;
}

/** kind: 'followers' or 'following'. */
export function userListView(kind) {
  return async ({ params, signal }) => {
    const profile = await api.profile(params.username);
    const title = kind === 'followers' ? `Followers of @${profile.username}` : `@${profile.username} follows`;
    return {
      title: `${title} · PicShare`,
      node: h(
        'section',
        { class: 'narrow' },
        h('p', {}, h('a', { href: userPath(profile.username) }, `← @${profile.username}`)),
        heading(title),
        pagedList({
          className: 'users',
          label: title,
          load: (cursor) =>
            kind === 'followers' ? api.followers(profile.username, cursor) : api.following(profile.username, cursor),
          item: userRow,
          empty: kind === 'followers' ? 'No followers yet.' : 'Follows nobody yet.',
          signal,
        }),
      ),
    };
  };
}
