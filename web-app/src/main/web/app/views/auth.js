// Sign up and log in. Signing up logs in at once. After either, the user goes back to where they
// were sent from (?next=, a path of this app only).
import { api } from '../api.js';
import { heading, message } from '../components.js';
import { h, replace } from '../dom.js';
import { navigate } from '../router.js';
import { session } from '../session.js';

function nextPath(query) {
  const next = query.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function field(label, input, hint) {
  const id = `field-${input.name}`;
  input.id = id;
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) input.setAttribute('aria-describedby', hintNode.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintNode);
}

function form({ title, submit, signUp, query }) {
  const username = h('input', {
    name: 'username',
    autocomplete: 'username',
    required: true,
    minlength: 3,
    maxlength: 30,
    pattern: '[A-Za-z0-9_]{3,30}',
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: signUp ? 'new-password' : 'current-password',
    required: true,
    minlength: signUp ? 8 : null,
    maxlength: 128,
  });
  const errors = h('div', { class: 'form-errors' });
  const button = h('button', { type: 'submit' }, submit);
  const element = h(
    'form',
    {
      class: 'auth',
      novalidate: false,
      onSubmit: async (event) => {
        event.preventDefault();
        replace(errors);
        button.disabled = true;
        try {
          if (signUp) await api.signUp(username.value, password.value);
          session.start(await api.logIn(username.value, password.value));
          navigate(nextPath(query), { replace: true });
        } catch (error) {
          replace(errors, message(error.message, 'error'));
          button.disabled = false;
        }
      },
    },
    field(
      'Username',
      username,
      signUp ? '3 to 30 letters, digits or underscores.' : null,
    ),
    field('Password', password, signUp ? 'At least 8 characters.' : null),
    errors,
    button,
  );
  const other = signUp
    ? h('p', {}, 'Already have an account? ', h('a', { href: `/login${location.search}` }, 'Log in'))
    : h('p', {}, 'New to PicShare? ', h('a', { href: `/signup${location.search}` }, 'Create an account'));
  return h('section', { class: 'narrow' }, heading(title), element, other);
}

export function loginView({ query }) {
  const notice =
    query.get('expired') === '1' ? message('Your session has ended. Please log in again.') : null;
  return { title: 'Log in', node: h('div', {}, notice, form({ title: 'Log in', submit: 'Log in', signUp: false, query })) };
}

export function signUpView({ query }) {
  return {
    title: 'Sign up',
    node: form({ title: 'Create your account', submit: 'Sign up', signUp: true, query }),
  };
}
