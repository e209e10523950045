import assert from 'node:assert/strict';
import { test } from 'node:test';
import { match, route } from '../../main/web/app/router.js';

const home = () => 'home';
const user = () => 'user';
const followers = () => 'followers';
route('/', home);
route('/users/:username', user);
route('/users/:username/followers', followers);

test('paths find their view and parameters', () => {
  assert.deepEqual(match('/'), { view: home, params: {} });
  assert.deepEqual(match('/users/alice'), { view: user, params: { username: 'alice' } });
  assert.deepEqual(match('/users/alice/'), { view: user, params: { username: 'alice' } });
  assert.deepEqual(match('/users/a%3Cb/followers'), { view: followers, params: { username: 'a<b' } });
});

test('other paths find nothing', () => {
  assert.equal(match('/users'), null);
  assert.equal(match('/users/alice/photos'), null);
  assert.equal(match('/v1/users/alice'), null);
});
